/// Karpathy's picture of an interpretable cell: lines of text, each character's background
/// coloured by the unit's value after reading it (blue low, white 0, orange high), so a cell that
/// counts the position in the line shows as a colour that deepens along every line and resets
/// at each line break (drawn as ↵).
///
/// Laid out for a page: as many whole lines as the room holds, from the first line that starts
/// in the text, with characters as wide as the longest of them allows.
struct CellTextFigure: Figure {
    let portrait: CellPortrait
    let header: Header
    /// The lines shown, each the indices of its characters (a line break ends its line).
    let lines: [[Int]]
    let scale: ValueScale
    let cellWidth: Double
    let cellHeight: Double
    let room: Size
    /// The longest line drawn before it is broken; the widest a character box gets.
    static let longestLine = 100
    static let widestCell: Double = 16
    /// Room kept at the right for the colour bar.
    static let colorBarRoom: Double = 100

    init(_ portrait: CellPortrait, room: Size = PageSize.natural.room) {
        self.portrait = portrait
        self.room = room
        let isBreak = { (character: String) in character == "\n" || character == "\r\n" }
        // Start after the first line break, so that the first line shown is a whole line.
        let firstBreak = portrait.characters.prefix(Self.longestLine).firstIndex(where: isBreak)
        let start = firstBreak.map { $0 + 1 } ?? 0
        var all: [[Int]] = [[]]
        for index in start..<portrait.characters.count {
            if all[all.count - 1].count == Self.longestLine { all.append([]) }
            all[all.count - 1].append(index)
            if isBreak(portrait.characters[index]) { all.append([]) }
            if all.count > 200 { break }
        }
        all = all.filter { !$0.isEmpty }
        let columns = max(all.prefix(40).map(\.count).max() ?? 1, 20)
        cellWidth = min(Self.widestCell, (room.width - 2 * Layout.margin - Self.colorBarRoom) / Double(columns))
        cellHeight = max(cellWidth * 1.6, 20)
        let key = "each character coloured by \(portrait.unit) after reading it; ↵ is a line break"
        let draft = Header(title: Self.title(portrait), subtitles: [key, portrait.subtitle])
        let rowsRoom = room.height - 2 * Layout.margin - draft.height
        let lines = Array(all.prefix(max(3, Int(rowsRoom / cellHeight))))
        self.lines = lines
        let shown = lines.flatMap { $0 }
        scale = .symmetric(covering: shown.map { portrait.values[$0] })
        header = Header(
            title: Self.title(portrait),
            subtitles: [key + " · \(shown.count) of the \(portrait.characters.count) characters read", portrait.subtitle])
    }

    static func title(_ portrait: CellPortrait) -> String {
        "\(portrait.unit) along the text: the \(portrait.probe) cell, \(portrait.rText)"
    }

    private var colorBar: ColorBar { ColorBar(scale: scale, label: "value of \(portrait.unit)") }
    private var textWidth: Double { Double(lines.map(\.count).max() ?? 1) * cellWidth }
    private var textHeight: Double { Double(lines.count) * cellHeight }
    private var fontSize: Double { max(10, min(cellHeight * 0.62, cellWidth * 1.15)) }

    private func frame(_ canvas: Canvas) -> (header: Header, width: Double) {
        let width = max(textWidth + Layout.gap + colorBar.width(canvas, height: textHeight), room.width - 2 * Layout.margin)
        return (header.wrapped(canvas, width: width), width)
    }

    func size(_ canvas: Canvas) throws -> Size {
        let (header, width) = frame(canvas)
        return Size(width: width + 2 * Layout.margin, height: header.height + textHeight + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let (header, width) = frame(canvas)
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        let top = Layout.margin + header.height
        for (row, line) in lines.enumerated() {
            for (column, index) in line.enumerated() {
                let cell = Rect(
                    x: Layout.margin + Double(column) * cellWidth, y: top + Double(row) * cellHeight,
                    width: cellWidth, height: cellHeight - 2)
                let fill = scale.color(Double(portrait.values[index]))
                canvas.fill(cell, fill)
                let character = portrait.characters[index]
                let shown = character == "\n" || character == "\r\n" ? "↵" : character == "\t" ? "⇥" : character
                canvas.text(shown, x: cell.midX, y: cell.midY, size: fontSize, color: canvas.contrastingText(on: fill),
                            align: .center, valign: .middle)
            }
        }
        let barX = Layout.margin + width - colorBar.width(canvas, height: textHeight)
        try colorBar.draw(canvas, x: barX, y: top, height: max(textHeight - 2, 80))
    }
}
