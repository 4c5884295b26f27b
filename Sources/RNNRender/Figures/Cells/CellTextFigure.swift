/// Karpathy's picture of an interpretable cell: lines of text, each character's background
/// coloured by the unit's value after reading it (blue low, white 0, red high), so a cell that
/// counts the position in the line shows as a colour that deepens along every line and resets
/// at each line break (drawn as ↵).
struct CellTextFigure: Figure {
    let portrait: CellPortrait
    let header: Header
    /// The lines shown, each the indices of its characters (a line break ends its line).
    let lines: [[Int]]
    let scale: ValueScale
    static let columns = 80
    static let maxLines = 18
    static let cellWidth: Double = 13
    static let cellHeight: Double = 24
    static let fontSize: Double = 15

    init(_ portrait: CellPortrait) {
        self.portrait = portrait
        var lines: [[Int]] = [[]]
        for (index, character) in portrait.characters.enumerated() {
            if lines.count > Self.maxLines { break }
            if lines[lines.count - 1].count == Self.columns { lines.append([]) }
            lines[lines.count - 1].append(index)
            if character == "\n" || character == "\r\n" { lines.append([]) }
        }
        self.lines = Array(lines.prefix(Self.maxLines).filter { !$0.isEmpty })
        let shown = self.lines.flatMap { $0 }
        scale = .symmetric(covering: shown.map { portrait.values[$0] })
        let cut = shown.count < portrait.characters.count ? " · the first \(shown.count) of \(portrait.characters.count) characters" : ""
        header = Header(
            title: "\(portrait.unit) and the \(portrait.probe) probe: \(portrait.rText)",
            subtitles: [portrait.subtitle, "Each character coloured by \(portrait.unit) after reading it; ↵ is a line break\(cut)"])
    }

    private var colorBar: ColorBar { ColorBar(scale: scale, label: "value of \(portrait.unit)") }
    private var textWidth: Double { Double(Self.columns) * Self.cellWidth }
    private var textHeight: Double { Double(lines.count) * Self.cellHeight }

    private func frame(_ canvas: Canvas) -> (header: Header, width: Double) {
        header.fitted(canvas, contentWidth: textWidth + Layout.gap + colorBar.width(canvas, height: textHeight))
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
                    x: Layout.margin + Double(column) * Self.cellWidth, y: top + Double(row) * Self.cellHeight,
                    width: Self.cellWidth, height: Self.cellHeight - 2)
                let fill = scale.color(Double(portrait.values[index]))
                canvas.fill(cell, fill)
                let character = portrait.characters[index]
                let shown = character == "\n" || character == "\r\n" ? "↵" : character == "\t" ? "⇥" : character
                canvas.text(shown, x: cell.midX, y: cell.midY, size: Self.fontSize, color: canvas.contrastingText(on: fill),
                            align: .center, valign: .middle)
            }
        }
        try colorBar.draw(canvas, x: Layout.margin + textWidth + Layout.gap, y: top, height: max(textHeight - 2, 80))
    }
}
