import RNNRender

/// Labelled vectors drawn as rows of coloured cells, one cell per unit, all rows aligned.
///
/// Cells print their value when they fit (6 columns a unit); narrower terminals get plain
/// coloured blocks (3, 2 or 1 columns a unit) with the row's range written after them, and
/// when even that is too wide, the first units and "…+k". Without colour, blocks become bar
/// glyphs (▁…█, higher is larger).
struct VectorBlock {
    /// One labelled vector.
    struct Row {
        var label: String
        var values: [Float]
        var scale: ValueScale
        /// Names of the units, drawn above the row when values are printed: tokens over x_t,
        /// unit numbers over the states and gates that follow.
        var unitNames: [String]? = nil
        /// What the names are ("token", "unit"), written before them.
        var unitHeading = ""
        /// A note after the row ("one-hot “h”").
        var note: String? = nil
        /// Whether the label is emphasised (the step's output).
        var emphasised = false
    }

    var rows: [Row]

    /// The numbers 0…`count`-1 naming the units of a state or gate row.
    static func unitNumbers(_ count: Int) -> [String] { (0..<count).map(String.init) }

    /// The label column is at least this wide (to line up with another block).
    var minimumLabelWidth = 0

    /// Columns a unit takes in each layout, widest first: value cells, then plain blocks.
    private static let cellWidths = [7, 3, 2, 1]

    /// The width of the label column.
    var labelWidth: Int { max(min((rows.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2, 24), minimumLabelWidth) }

    /// The columns needed to show every unit with values (notes are added only where they fit).
    var fullWidth: Int { labelWidth + (rows.map { $0.values.count }.max() ?? 0) * Self.cellWidths[0] }

    /// The columns needed to show every unit with values and every note.
    var naturalWidth: Int {
        rows.map { labelWidth + $0.values.count * Self.cellWidths[0] + ($0.note.map { DisplayWidth.of($0) + 1 } ?? 0) }
            .max() ?? labelWidth
    }

    /// The rows laid out in `width` columns.
    func lines(width: Int) -> [StyledLine] {
        let units = rows.map { $0.values.count }.max() ?? 0
        let room = max(width - labelWidth, 1)
        let cell = Self.cellWidths.first { units * $0 <= room } ?? 1
        let shown = min(units, cell == 1 && units > room ? max(room - 4, 1) : units)
        var lines: [StyledLine] = []
        for row in rows {
            if cell == 7, let names = row.unitNames {
                var header = StyledLine(row.unitHeading.padded(labelWidth), .dim)
                for name in names.prefix(shown) { header.append(Self.centred(name, 6) + " ", .dim) }
                lines.append(header.truncated(to: width))
            }
            var line = StyledLine(row.label.padded(labelWidth), row.emphasised ? .accent : .bold)
            for value in row.values.prefix(shown) { line.append(contentsOf: Self.cell(value, row.scale, cell)) }
            if row.values.count > shown { line.append(" …+\(row.values.count - shown)", .dim) }
            if let note = row.note {
                if line.width + 1 + DisplayWidth.of(note) <= width { line.append(" " + note, .dim) }
            } else if cell < 7, let low = row.values.min(), let high = row.values.max() {
                let range = " \(TraceDisplay.short(low))…\(TraceDisplay.short(high))"
                if line.width + DisplayWidth.of(range) <= width { line.append(range, .dim) }
            }
            lines.append(line.truncated(to: width))
        }
        return lines
    }

    /// One unit's cell: the value on its colour, or a coloured block.
    private static func cell(_ value: Float, _ scale: ValueScale, _ width: Int) -> [(String, TextStyle)] {
        let color = scale.color(value)
        if width == 7 { return [(" " + TraceDisplay.short(value).leftPadded(5), .cell(color)), (" ", .plain)] }
        // In colour the glyph takes the background's colour (a solid block); without colour its height shows the value.
        let style = TextStyle(foreground: color, background: color)
        let block = BlockGlyph.bar(scale.position(value))
        let body = String(repeating: block, count: max(width - 1, 1))
        return width == 1 ? [(body, style)] : [(body, style), (" ", .plain)]
    }

    private static func centred(_ text: String, _ width: Int) -> String {
        let cut = StyledLine(text).truncated(to: width).plain
        let missing = width - DisplayWidth.of(cut)
        return String(repeating: " ", count: missing / 2) + cut + String(repeating: " ", count: missing - missing / 2)
    }
}

/// Block characters standing in for colour.
enum BlockGlyph {
    /// A bar glyph ▁…█ whose height shows `position` (0…1).
    static func bar(_ position: Double) -> String {
        let glyphs = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        return glyphs[min(Int(position * Double(glyphs.count)), glyphs.count - 1)]
    }

    /// A horizontal bar `width` columns long filled to `fraction`, with eighth blocks.
    static func horizontal(_ fraction: Double, width: Int) -> String {
        let eighths = Int((min(max(fraction, 0), 1) * Double(width * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var text = String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
        text += String(repeating: " ", count: max(width - DisplayWidth.of(text), 0))
        return text
    }
}

extension StyledLine {
    /// Adds several styled pieces.
    mutating func append(contentsOf pieces: [(String, TextStyle)]) {
        for (text, style) in pieces { append(text, style) }
    }
}

extension String {
    /// The string padded with spaces on the right to `width` columns (or cut to it).
    func padded(_ width: Int) -> String { StyledLine(self).padded(to: width).plain }

    /// The string padded with spaces on the left to `width` columns.
    func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(width - DisplayWidth.of(self), 0)) + self
    }
}
