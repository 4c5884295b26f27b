import RNNTrace

/// `activations`: a text with each character's background coloured by one hidden unit
/// (diverging −1…1), a block per unit for the units that vary most (Karpathy's figure). The text
/// is the one the lesson trains on when the trace has it (else the shown input); as many units
/// and lines as fill the room, a long text cut to the lines that leave room for three units.
struct ActivationsFigure: Figure {
    /// One unit's row of colours.
    struct Unit {
        var layer: Int
        var unit: Int
        var variance: Double
        var values: [Float]
    }

    let trace: LessonTrace
    let header: Header
    let tokens: [String]
    let units: [Unit]
    let room: Size
    /// The box of one character; word boxes are as wide as their word.
    let boxWidth: Double
    let fontSize: Double
    static let boxHeight: Double = 26
    static let lineGap: Double = 4
    static let captionSize: Double = 13
    static let fewestUnits = 3

    init(trace: LessonTrace, room: Size = PageSize.natural.room) {
        self.trace = trace
        self.room = room
        let source = Self.source(trace)
        let barRoom = 90.0
        let width = room.width - 2 * Layout.margin - barRoom
        let words = source.tokens.contains { $0.count > 1 }
        boxWidth = words ? 20 : Layout.clamp(width / Double(max(source.tokens.count, 1)), 18...36)
        fontSize = min(18, max(13, boxWidth * 0.62))
        // Lines of the whole text, then as many units as fit; a long text is cut so that at least
        // three units fit.
        let canvas = try? Document.measuringCanvas()
        let lineHeight = Self.boxHeight + Self.lineGap
        let blockChrome = Self.captionSize + 10 + 12
        let height = room.height - 2 * Layout.margin - 110
        let flow = TokenFlow(fontSize: fontSize, minWidth: boxWidth, padding: words ? 6 : 2, gap: words ? 3 : 0, maxWidth: width)
        var shown = source.tokens
        var lines = canvas.map { flow.place($0, shown, boxHeight: Self.boxHeight, lineHeight: lineHeight).lines }
            ?? (shown.count * Int(boxWidth) / Int(width) + 1)
        let fewest = min(Self.fewestUnits, source.units.count)
        let linesForFewest = max(1, Int((height / Double(max(fewest, 1)) - blockChrome) / lineHeight))
        if lines > linesForFewest, let canvas {
            while shown.count > 1, flow.place(canvas, shown, boxHeight: Self.boxHeight, lineHeight: lineHeight).lines > linesForFewest {
                shown.removeLast(max(1, shown.count / 20))
            }
            lines = linesForFewest
        }
        tokens = shown
        let fit = max(1, Int(height / (blockChrome + Double(lines) * lineHeight)))
        units = Array(source.units.prefix(fit)).map { Unit(layer: $0.layer, unit: $0.unit, variance: $0.variance,
                                                            values: Array($0.values.prefix(shown.count))) }
        var key = ["blue −1, white 0, orange +1"]
        if shown.count < source.tokens.count { key.append("the first \(shown.count) of \(source.tokens.count) characters") }
        let what = trace.text == nil ? "The input" : "The training text"
        header = trace.header("\(what) coloured by the \(units.count) hidden units that vary most", key: key.joined(separator: " · "))
    }

    /// The text and its most varying units: the trace's training text, or the shown input.
    private static func source(_ trace: LessonTrace) -> (tokens: [String], units: [Unit]) {
        if let text = trace.text, !text.units.isEmpty {
            return (text.tokens.map(displayToken), text.units.map { Unit(layer: $0.layer, unit: $0.unit, variance: $0.variance, values: $0.values) })
        }
        var all: [Unit] = []
        for layer in 0..<trace.layerCount {
            for (u, row) in trace.unitsByTime(layer: layer, { $0.h }).enumerated() {
                all.append(Unit(layer: layer, unit: u, variance: UnitSelection.variance(row), values: row.map { Float($0.isFinite ? $0 : 0) }))
            }
        }
        let sorted = all.sorted { $0.variance != $1.variance ? $0.variance > $1.variance : ($0.layer, $0.unit) < ($1.layer, $1.unit) }
        return (trace.tokenLabels, Array(sorted.prefix(8)))
    }

    private var colorBar: ColorBar { ColorBar(scale: .signed, label: "hidden value h") }

    private var flow: TokenFlow {
        let words = tokens.contains { $0.count > 1 }
        return TokenFlow(fontSize: fontSize, minWidth: boxWidth, padding: words ? 6 : 2, gap: words ? 3 : 0,
                         maxWidth: room.width - 2 * Layout.margin - 90)
    }

    private func placement(_ canvas: Canvas) -> TokenFlow.Placement {
        flow.place(canvas, tokens, boxHeight: Self.boxHeight, lineHeight: Self.boxHeight + Self.lineGap)
    }
    private func blockHeight(_ canvas: Canvas) -> Double {
        Self.captionSize + 10 + Double(placement(canvas).lines) * (Self.boxHeight + Self.lineGap) + 12
    }
    /// The width of the text rows or the captions, whichever is wider.
    private func textWidth(_ canvas: Canvas) -> Double {
        max(placement(canvas).width, canvas.maxTextWidth(units.map(caption), size: Self.captionSize, bold: true))
    }

    private func frame(_ canvas: Canvas) -> (header: Header, width: Double) {
        header.fitted(canvas, contentWidth: textWidth(canvas) + Layout.gap + colorBar.width(canvas, height: 200),
                      roomWidth: room.width - 2 * Layout.margin)
    }

    func size(_ canvas: Canvas) throws -> Size {
        let (header, width) = frame(canvas)
        return Size(width: width + 2 * Layout.margin,
                    height: header.height + Double(units.count) * blockHeight(canvas) + 2 * Layout.margin)
    }

    private func caption(_ u: Unit) -> String {
        (trace.layerCount > 1 ? "layer \(u.layer) · " : "") + "unit \(u.unit)" + "  (variance \(Ticks.format(u.variance, decimals: 3)))"
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let (header, width) = frame(canvas)
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        let top = Layout.margin + header.height
        let frames = placement(canvas).frames
        let blockHeight = blockHeight(canvas)
        var y = top
        for u in units {
            canvas.text(caption(u), x: Layout.margin, y: y, size: Self.captionSize, bold: true, valign: .top)
            let rowsTop = y + Self.captionSize + 10
            for (t, token) in tokens.enumerated() {
                let value = t < u.values.count ? Double(u.values[t]) : 0
                let fill = ValueScale.signed.color(value)
                let f = frames[t]
                let cell = Rect(x: Layout.margin + f.x, y: rowsTop + f.y, width: f.width, height: f.height)
                canvas.fill(cell, fill)
                canvas.text(token, x: cell.midX, y: cell.midY, size: fontSize, color: canvas.contrastingText(on: fill),
                            align: .center, valign: .middle)
            }
            y += blockHeight
        }
        let barHeight = min(240, max(Double(units.count) * blockHeight - 20, 60))
        try colorBar.draw(canvas, x: Layout.margin + textWidth(canvas) + Layout.gap, y: top + Self.captionSize + 10,
                          height: barHeight)
    }
}
