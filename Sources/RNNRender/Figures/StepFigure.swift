import RNNCore

/// A step frame: the unrolled network filled up to step t with step t outlined, and below it the
/// step's vectors (x_t, h_{t-1}, gates, c_t, h_t) as coloured strips and the softmax as bars.
struct StepFigure: Figure {
    let trace: LessonTrace
    let t: Int
    let header: Header
    let network: UnrolledNetwork
    static let stripWidth: Double = 440
    static let barWidth: Double = 200

    init(trace: LessonTrace, t: Int) {
        self.trace = trace
        self.t = t
        var net = UnrolledNetwork(trace: trace, window: UnrolledNetwork.window(count: trace.steps.count, around: t))
        net.filledUpTo = t
        net.highlight = t
        network = net
        let token = displayToken(trace.steps[t].inputToken)
        header = Header(title: trace.lesson.title,
                        subtitles: [trace.subtitle, "Step t = \(t) (of t = 0…\(trace.steps.count - 1)): reading “\(token)”"])
    }

    /// The strips of the detail panel, bottom layer first.
    private var strips: [VectorStrip] {
        let step = trace.steps[t]
        let oneHot = step.x.allSatisfy { $0 == 0 || $0 == 1 }
        var list = [VectorStrip(label: "x_t", values: step.x, scale: oneHot ? .unit : .symmetric(covering: step.x))]
        let layers = step.layers.count
        for (k, layer) in step.layers.enumerated() {
            let suffix = layers > 1 ? " (layer \(k))" : ""
            let previous = t > 0 && k < trace.steps[t - 1].layers.count ? trace.steps[t - 1].layers[k].h
                : [Float](repeating: 0, count: layer.h.count)
            list.append(VectorStrip(label: "h_{t-1}" + suffix, values: previous, scale: .signed))
            for gate in trace.gateNames {
                guard let values = layer.gates[gate] else { continue }
                list.append(VectorStrip(label: "\(gate)\(suffix)", values: values,
                                        scale: GatesFigure.isTanh(gate) ? .signed : .unit))
            }
            if let c = layer.c {
                // c is not squashed: its colours span its own ±max |c|, written in the label.
                let scale = ValueScale.symmetric(covering: c)
                let bound = String(format: "%.2g", scale.range.upperBound)
                list.append(VectorStrip(label: "c_t (±\(bound))" + suffix, values: c, scale: scale))
            }
            list.append(VectorStrip(label: "h_t" + suffix, values: layer.h, scale: .signed))
        }
        return list
    }

    /// The colour bar of the 0…1 strips (σ gates, a one-hot x), next to them; the −1…1 strips
    /// share the network's colour bar above.
    private var unitBar: ColorBar? {
        let unit = strips.filter { $0.scale.map == .viridis }.map(\.label)
        let gates = unit.contains { $0 != "x_t" }, oneHot = unit.contains("x_t")
        guard gates || oneHot else { return nil }
        return ColorBar(scale: .unit, label: gates ? (oneHot ? "gate σ, one-hot x" : "gate σ") : "one-hot x")
    }
    private var unitBarHeight: Double { min(120, Double(strips.count) * (VectorStrip.height + 6) - 6) }
    /// The room the unit colour bar takes right of the strips (with its gaps).
    private func unitBarRoom(_ canvas: Canvas) -> Double {
        unitBar.map { 24 + $0.width(canvas, height: unitBarHeight) } ?? 0
    }

    private var topTokens: [(token: String, p: Float)] {
        guard let p = trace.probabilities(at: t) else { return [] }
        let order = p.indices.sorted { p[$0] != p[$1] ? p[$0] > p[$1] : $0 < $1 }.prefix(8)
        let names = trace.outputTokens
        return order.map { ($0 < names.count ? names[$0] : "\($0)", p[$0]) }
    }

    private var panelHeight: Double {
        max(Double(strips.count) * (VectorStrip.height + 6), Double(topTokens.count) * 22 + 24) + 30
    }
    private func stripLabelWidth(_ canvas: Canvas) -> Double {
        canvas.maxTextWidth(strips.map(\.label), size: VectorStrip.labelSize) + 10
    }
    private func panelWidthWithoutLabels(_ canvas: Canvas) -> Double {
        Self.stripWidth + unitBarRoom(canvas) + (topTokens.isEmpty ? 0 : 60 + probabilityBars(canvas.theme).width(canvas))
    }

    /// The softmax's likeliest tokens as bars: the prediction green when right (red when wrong).
    private func probabilityBars(_ theme: Theme) -> ProbabilityBars {
        let step = trace.steps[t]
        let right = step.target == nil || step.prediction == step.target
        let bars = topTokens.map { item in
            let chosen = item.token == step.prediction
            return ProbabilityBars.Bar(
                label: displayToken(item.token), probability: item.p,
                color: chosen ? (right ? theme.right : theme.wrong) : theme.output.withAlpha(0.45), bold: chosen,
                note: item.token == step.target ? "  ← target" : "")
        }
        return ProbabilityBars(bars: bars, barWidth: Self.barWidth)
    }

    func size(_ canvas: Canvas) throws -> Size {
        let net = network.size(canvas)
        let panel = stripLabelWidth(canvas) + panelWidthWithoutLabels(canvas)
        return Size(width: max(net.width, panel, min(header.preferredWidth(canvas), 1000), 480) + 2 * Layout.margin,
                    height: header.height + net.height + Layout.gap * 2 + panelHeight + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let theme = canvas.theme
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: size.width - 2 * Layout.margin)
        var y = Layout.margin + header.height
        try network.draw(canvas, x: Layout.margin, y: y)
        y += network.size(canvas).height + Layout.gap
        canvas.line(Layout.margin, y, size.width - Layout.margin, y, theme.grid)
        y += Layout.gap
        canvas.text("inside step \(t)", x: Layout.margin, y: y, size: 13, bold: true, valign: .top)
        let labelRight = Layout.margin + stripLabelWidth(canvas) - 10
        let list = strips
        let cell = VectorStrip.cellWidth(count: list.map(\.values.count).max() ?? 1, width: Self.stripWidth)
        for (k, strip) in list.enumerated() {
            strip.draw(canvas, labelRight: labelRight, x: labelRight + 10, y: y + 34 + Double(k) * (VectorStrip.height + 6),
                       cellWidth: cell)
        }
        if let unitBar {
            try unitBar.draw(canvas, x: labelRight + 10 + Self.stripWidth + 24, y: y + 34, height: unitBarHeight)
        }
        guard !topTokens.isEmpty else { return }
        let left = labelRight + 10 + Self.stripWidth + unitBarRoom(canvas) + 60
        canvas.text("softmax: most likely next tokens", x: left, y: y, size: 13, bold: true, valign: .top)
        probabilityBars(theme).draw(canvas, x: left, y: y + 34)
    }
}
