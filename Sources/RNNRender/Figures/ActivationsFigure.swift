import RNNCore

/// `activations`: the shown text with each character's background coloured by one hidden unit
/// (diverging −1…1), one row per unit for the few units that vary most over time (Karpathy's figure).
struct ActivationsFigure: Figure {
    let trace: LessonTrace
    let header: Header
    /// (layer, unit, variance), most varying first.
    let units: [(layer: Int, unit: Int, variance: Double)]
    static let boxWidth: Double = 20
    static let fontSize: Double = 15
    static let boxHeight: Double = 26
    static let captionSize: Double = 13

    init(trace: LessonTrace, count: Int = 4) {
        self.trace = trace
        var all: [(Int, Int, Double)] = []
        for layer in 0..<trace.layerCount {
            for (u, row) in trace.unitsByTime(layer: layer, { $0.h }).enumerated() {
                let values = row.filter(\.isFinite)
                guard !values.isEmpty else { continue }
                let mean = values.reduce(0, +) / Double(values.count)
                all.append((layer, u, values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)))
            }
        }
        units = all.sorted { $0.2 != $1.2 ? $0.2 > $1.2 : ($0.0, $0.1) < ($1.0, $1.1) }.prefix(count)
            .map { (layer: $0.0, unit: $0.1, variance: $0.2) }
        header = trace.header("The input text coloured by the \(units.count) hidden units that vary most over time (blue −1, white 0, red +1)")
    }

    private var colorBar: ColorBar { ColorBar(scale: .signed, label: "hidden value h") }
    private var tokens: [String] { trace.tokenLabels }

    /// Character boxes touch, as in Karpathy's figure (48 a line); word boxes are as wide as their word,
    /// a little apart.
    private var flow: TokenFlow {
        let words = tokens.contains { $0.count > 1 }
        return TokenFlow(fontSize: Self.fontSize, minWidth: Self.boxWidth, padding: words ? 6 : 2, gap: words ? 3 : 0,
                         maxWidth: Self.boxWidth * 48)
    }

    private func placement(_ canvas: Canvas) -> TokenFlow.Placement {
        flow.place(canvas, tokens, boxHeight: Self.boxHeight, lineHeight: Self.boxHeight + 4)
    }
    private func blockHeight(_ canvas: Canvas) -> Double {
        Self.captionSize + 10 + Double(placement(canvas).lines) * (Self.boxHeight + 4) + 12
    }
    /// The width of the text rows or the captions, whichever is wider.
    private func textWidth(_ canvas: Canvas) -> Double {
        max(placement(canvas).width, canvas.maxTextWidth(units.map { caption($0) }, size: Self.captionSize, bold: true))
    }

    private func frame(_ canvas: Canvas) -> (header: Header, width: Double) {
        header.fitted(canvas, contentWidth: textWidth(canvas) + Layout.gap + colorBar.width(canvas, height: 200))
    }

    func size(_ canvas: Canvas) throws -> Size {
        let (header, width) = frame(canvas)
        return Size(width: width + 2 * Layout.margin,
                    height: header.height + Double(units.count) * blockHeight(canvas) + 2 * Layout.margin)
    }

    private func caption(_ u: (layer: Int, unit: Int, variance: Double)) -> String {
        (trace.layerCount > 1 ? "layer \(u.layer) · " : "") + "unit \(u.unit)"
            + "  (variance \(Ticks.format(u.variance, decimals: 3)))"
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
            for (t, step) in trace.steps.enumerated() {
                let value = step.layers.indices.contains(u.layer) && u.unit < step.layers[u.layer].h.count
                    ? Double(step.layers[u.layer].h[u.unit]) : 0
                let fill = ValueScale.signed.color(value)
                let f = frames[t]
                let cell = Rect(x: Layout.margin + f.x, y: rowsTop + f.y, width: f.width, height: f.height)
                canvas.fill(cell, fill)
                canvas.text(tokens[t], x: cell.midX, y: cell.midY, size: Self.fontSize,
                            color: canvas.contrastingText(on: fill), align: .center, valign: .middle)
            }
            y += blockHeight
        }
        let barHeight = min(240, max(Double(units.count) * blockHeight - 20, 60))
        try colorBar.draw(canvas, x: Layout.margin + textWidth(canvas) + Layout.gap, y: top + Self.captionSize + 10,
                          height: barHeight)
    }
}
