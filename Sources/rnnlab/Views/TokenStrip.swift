/// The unrolled input as a row of tokens with the current one marked — and rows aligned under it.
///
/// Long inputs are windowed around the current step with "…" at the cut ends.
struct TokenStrip {
    /// One cell of a row.
    struct Cell {
        var text: String
        var style: TextStyle = .plain
    }

    /// One labelled row of cells (all rows have one cell per step).
    struct Row {
        var label: String
        var cells: [Cell]
        /// Whether the current cell is highlighted (else it keeps its own style, bracketed).
        var highlightsCurrent = true
    }

    var rows: [Row]
    /// The marked step.
    var current: Int?
    /// The width of the label column.
    var labelWidth = 11

    /// The rows in `width` columns, cells of a shared width so that rows line up.
    func lines(width: Int) -> [StyledLine] {
        let count = rows.map(\.cells.count).max() ?? 0
        let widest = rows.flatMap { $0.cells.map { DisplayWidth.of($0.text) } }.max() ?? 1
        let cellWidth = min(max(widest, 1), 12) + 2
        let window = Self.window(widths: Array(repeating: cellWidth, count: count), around: current ?? 0,
                                 available: width - labelWidth)
        return rows.map { row in
            var line = StyledLine(row.label.padded(labelWidth), .bold)
            line.append(window.lowerBound > 0 ? "…" : "", .dim)
            for index in window where index < row.cells.count {
                let cell = row.cells[index]
                let text = StyledLine(cell.text).truncated(to: cellWidth - 2).plain
                let isCurrent = index == current
                let padded = Self.centre(text, cellWidth - 2)
                line.append(isCurrent ? "[" + padded + "]" : " " + padded + " ", isCurrent && row.highlightsCurrent ? .current : cell.style)
            }
            if window.upperBound < count { line.append("…", .dim) }
            return line.truncated(to: width)
        }
    }

    /// The widest range of cells around `around` that fits in `available` columns, leaving room
    /// for an ellipsis at each cut end.
    static func window(widths: [Int], around: Int, available: Int) -> Range<Int> {
        guard !widths.isEmpty else { return 0..<0 }
        if widths.reduce(0, +) <= available { return 0..<widths.count }
        let centre = min(max(around, 0), widths.count - 1)
        var range = centre..<(centre + 1)
        var used = widths[centre]
        var growRight = true
        while true {
            let canRight = range.upperBound < widths.count
            let canLeft = range.lowerBound > 0
            guard canLeft || canRight else { break }
            let right = canRight && (growRight || !canLeft)
            let next = right ? range.upperBound : range.lowerBound - 1
            guard used + widths[next] + 2 <= available else { break }
            used += widths[next]
            range = right ? range.lowerBound..<(range.upperBound + 1) : (range.lowerBound - 1)..<range.upperBound
            growRight.toggle()
        }
        return range
    }

    private static func centre(_ text: String, _ width: Int) -> String {
        let missing = max(width - DisplayWidth.of(text), 0)
        return String(repeating: " ", count: missing / 2) + text + String(repeating: " ", count: missing - missing / 2)
    }
}
