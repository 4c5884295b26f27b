import RNNCore

/// `activations`: the shown text with each character's background coloured by one hidden unit
/// (diverging −1…1), one row per unit for the few units that vary most over time (Karpathy's figure).
struct ActivationsFigure: Figure {
    let trace: LessonTrace
    let header: Header
    /// (layer, unit, variance), most varying first.
    let units: [(layer: Int, unit: Int, variance: Double)]
    let perLine: Int
    static let boxWidth: Double = 20
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
        perLine = min(max(trace.steps.count, 1), 48)
        header = trace.header("The input text coloured by the \(units.count) hidden units that vary most over time (blue −1, white 0, red +1)")
    }

    private var lines: Int { (trace.steps.count + perLine - 1) / perLine }
    private var blockHeight: Double { Self.captionSize + 10 + Double(lines) * (Self.boxHeight + 4) + 12 }
    private var colorBar: ColorBar { ColorBar(scale: .signed, label: "hidden value h") }

    func size(_ canvas: Canvas) throws -> Size {
        let height = Double(units.count) * blockHeight
        let captions = units.map { caption($0) }
        let width = max(Double(perLine) * Self.boxWidth, canvas.maxTextWidth(captions, size: Self.captionSize, bold: true))
            + Layout.gap + colorBar.width(canvas, height: 200)
        return Size(width: max(width, min(header.preferredWidth(canvas), 900), 480) + 2 * Layout.margin,
                    height: header.height + height + 2 * Layout.margin)
    }

    private func caption(_ u: (layer: Int, unit: Int, variance: Double)) -> String {
        (trace.layerCount > 1 ? "layer \(u.layer + 1) · " : "") + "unit \(u.unit + 1)"
            + "  (variance \(Ticks.format(u.variance, decimals: 3)))"
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: size.width - 2 * Layout.margin)
        let top = Layout.margin + header.height
        var y = top
        let fontSize: Double = 15
        for u in units {
            canvas.text(caption(u), x: Layout.margin, y: y, size: Self.captionSize, bold: true, valign: .top)
            var ly = y + Self.captionSize + 10
            for line in 0..<lines {
                for k in 0..<perLine {
                    let t = line * perLine + k
                    guard t < trace.steps.count else { break }
                    let step = trace.steps[t]
                    let value = step.layers.indices.contains(u.layer) && u.unit < step.layers[u.layer].h.count
                        ? Double(step.layers[u.layer].h[u.unit]) : 0
                    let fill = ValueScale.signed.color(value)
                    let cell = Rect(x: Layout.margin + Double(k) * Self.boxWidth, y: ly, width: Self.boxWidth,
                                    height: Self.boxHeight)
                    canvas.fill(cell, fill)
                    canvas.text(displayToken(step.inputToken), x: cell.midX, y: cell.midY, size: fontSize,
                                color: canvas.contrastingText(on: fill), align: .center, valign: .middle)
                }
                ly += Self.boxHeight + 4
            }
            y += blockHeight
        }
        let barHeight = min(240, max(Double(units.count) * blockHeight - 20, 60))
        try colorBar.draw(canvas, x: Layout.margin + Double(perLine) * Self.boxWidth + Layout.gap + 
                          max(0, canvas.maxTextWidth(units.map { caption($0) }, size: Self.captionSize, bold: true)
                              - Double(perLine) * Self.boxWidth),
                          y: top + Self.captionSize + 10, height: barHeight)
    }
}
