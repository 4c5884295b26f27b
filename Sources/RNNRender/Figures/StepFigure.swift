import RNNTrace

/// A step frame: the unrolled network filled up to step t with step t outlined (a window around
/// t when the input is long), and below it the step's vectors (x_t, h_{t-1}, gates, c_t, h_t) as
/// coloured strips — a column per layer — and the softmax's likeliest tokens as bars, the
/// prediction marked ✓ right or ✗ wrong.
struct StepFigure: Figure {
    let trace: LessonTrace
    let t: Int
    let header: Header
    let network: UnrolledNetwork
    let room: Size
    /// The layers whose strips are drawn (a deep stack: the first and the last).
    let layers: LayerSelection
    /// Strip rows per column, and the strips' columns.
    let stripRows: Int
    let stripWidth: Double
    /// Whether a single layer's gates stand in a column of their own, beside its states.
    let splitsGates: Bool
    static let barWidth: Double = 200
    /// The room from the panel's title to its first strip.
    static let panelTitleHeight: Double = 26
    static let stripPitch = VectorStrip.height + 4

    init(trace: LessonTrace, t: Int, room: Size = PageSize.natural.room) {
        self.trace = trace
        self.t = t
        self.room = room
        layers = LayerSelection(total: trace.steps[t].layers.count, limit: 2)
        let token = displayToken(trace.steps[t].inputToken)
        let canvas = try? Document.measuringCanvas()
        let inner = Size(width: room.width - 2 * Layout.margin, height: room.height - 2 * Layout.margin)
        let full = trace.header("Step t = \(t) of 0…\(trace.steps.count - 1): reading “\(token)”",
                                key: trace.layerCount > 1 ? "the network above shows its top layer; below, "
                                    + (layers.note ?? "every layer") : nil)
        header = canvas.map { full.fitted($0, contentWidth: 0, roomWidth: inner.width).header } ?? full
        // The panel: strips in a column per layer (one layer: its states, then its gates), as few
        // rows as the strips and the bars need.
        let perLayer = 2 + trace.gateNames.count + (trace.steps[t].layers.first?.c == nil ? 0 : 1)
        let split = layers.layers.count == 1 && !trace.gateNames.isEmpty
        let rows = max(split ? max(1 + perLayer - trace.gateNames.count, trace.gateNames.count) : 1 + perLayer, Self.barCount(trace, t))
        stripRows = rows
        splitsGates = split
        let panelHeight = Self.panelTitleHeight + Double(rows) * Self.stripPitch
        // Beside the strips: the bars with their labels, values and notes (about 370 points), the
        // colour bar of the gates (about 100), and each column's labels.
        let barsWidth = Self.barCount(trace, t) == 0 ? 0 : Self.barWidth + 170
        let labels = layers.total > 1 ? 125.0 : 80
        let columns = Double(split ? 2 : layers.layers.count)
        stripWidth = min(440, (inner.width - barsWidth - 100 - columns * (labels + Layout.gap)) / columns)
        let networkRoom = Size(width: inner.width, height: inner.height - header.height - 2 * Layout.gap - panelHeight)
        // The network shows its top layer only when there are several: the strips show the layers.
        network = UnrolledNetwork(trace: trace, room: networkRoom, focus: t, filledUpTo: t, highlight: t, outputBoxes: false,
                                  layerLimit: 1)
    }

    /// The likeliest tokens shown as bars: up to 5.
    static func barCount(_ trace: LessonTrace, _ t: Int) -> Int { min(trace.probabilities(at: t)?.count ?? 0, 5) }

    /// The units of layer `layer` drawn in its strips: all that fit at 4 points a cell, else the
    /// ones whose h varies most over the input.
    private func units(_ layer: Int) -> UnitSelection {
        UnitSelection.byVariance(trace.unitsByTime(layer: layer) { $0.h }, limit: Int(stripWidth / 4))
    }

    /// The strips of layer `layer`'s column (the first column starts with x_t).
    private func strips(_ layer: Int, first: Bool) -> [VectorStrip] {
        let step = trace.steps[t]
        var list: [VectorStrip] = []
        if first {
            let oneHot = step.x.allSatisfy { $0 == 0 || $0 == 1 }
            let x = step.x.count > Int(stripWidth / 3) ? UnitSelection.byVariance(
                trace.steps.map { $0.x.map(Double.init) }.transposed, limit: Int(stripWidth / 3)).rows(step.x) : step.x
            list.append(VectorStrip(label: "x_t", values: x, scale: oneHot ? .unit : .symmetric(covering: step.x)))
        }
        guard step.layers.indices.contains(layer) else { return list }
        let state = step.layers[layer]
        let selection = units(layer)
        let suffix = layers.total > 1 ? " (layer \(layer))" : ""
        let previous = t > 0 && layer < trace.steps[t - 1].layers.count ? trace.steps[t - 1].layers[layer].h
            : [Float](repeating: 0, count: state.h.count)
        list.append(VectorStrip(label: "h_{t-1}" + suffix, values: selection.rows(previous), scale: .signed))
        for gate in trace.gateNames {
            guard let values = state.gates[gate] else { continue }
            list.append(VectorStrip(label: "\(gate)\(suffix)", values: selection.rows(values),
                                    scale: CellKind.isTanhGate(gate) ? .signed : .unit))
        }
        if let c = state.c {
            // c is not squashed: its colours span its own ±max |c|, written in the label.
            let scale = ValueScale.symmetric(covering: c)
            let bound = Ticks.format(scale.range.upperBound, decimals: scale.range.upperBound < 10 ? 1 : 0)
            list.append(VectorStrip(label: "c_t (±\(bound))" + suffix, values: selection.rows(c), scale: scale))
        }
        list.append(VectorStrip(label: "h_t" + suffix, values: selection.rows(state.h), scale: .signed))
        return list
    }

    private var columns: [[VectorStrip]] {
        let list = layers.layers.enumerated().map { k, layer in strips(layer, first: k == 0) }
        guard splitsGates, let only = list.first else { return list }
        let gates = Set(trace.gateNames)
        return [only.filter { !gates.contains($0.label) }, only.filter { gates.contains($0.label) }]
    }

    /// "h: 24 of 128 units, by variance" under the panel title, when a layer is summarised.
    private var unitsNote: String? { layers.layers.compactMap { units($0).note }.first }

    /// The colour bar of the 0…1 strips (σ gates, a one-hot x), right of the strips.
    private var unitBar: ColorBar? {
        let unit = columns.flatMap { $0 }.filter { $0.scale.map == .viridis }.map(\.label)
        let gates = unit.contains { $0 != "x_t" }, oneHot = unit.contains("x_t")
        guard gates || oneHot else { return nil }
        return ColorBar(scale: .unit, label: gates ? (oneHot ? "gate σ, one-hot x" : "gate σ") : "one-hot x")
    }
    private var unitBarHeight: Double { min(120, Double(stripRows) * Self.stripPitch - 6) }

    private func labelWidth(_ canvas: Canvas, _ strips: [VectorStrip]) -> Double {
        canvas.maxTextWidth(strips.map(\.label), size: VectorStrip.labelSize) + 10
    }

    private func stripsWidth(_ canvas: Canvas) -> Double {
        columns.map { labelWidth(canvas, $0) + stripWidth }.reduce(0, +) + Double(columns.count - 1) * Layout.gap
            + (unitBar.map { 24 + $0.width(canvas, height: unitBarHeight) } ?? 0)
    }

    private var topTokens: [(token: String, p: Float)] {
        guard let p = trace.probabilities(at: t) else { return [] }
        let order = p.indices.sorted { p[$0] != p[$1] ? p[$0] > p[$1] : $0 < $1 }.prefix(Self.barCount(trace, t))
        let names = trace.outputTokens
        return order.map { ($0 < names.count ? names[$0] : "\($0)", p[$0]) }
    }

    /// The softmax's likeliest tokens as bars: the prediction in the right or wrong colour, marked.
    private func probabilityBars(_ theme: Theme) -> ProbabilityBars {
        let step = trace.steps[t]
        let right = step.target.map { $0 == step.prediction }
        let bars = topTokens.map { item in
            let chosen = item.token == step.prediction
            var note = item.token == step.target ? "  ← target" : ""
            if chosen, let right { note = "  \(Theme.mark(right: right)) " + (right ? "right" : "wrong") }
            return ProbabilityBars.Bar(
                label: displayToken(item.token), probability: item.p,
                color: chosen ? (right.map { $0 ? theme.right : theme.wrong } ?? theme.output) : theme.output.withAlpha(0.45),
                bold: chosen, note: note)
        }
        return ProbabilityBars(bars: bars, barWidth: Self.barWidth)
    }

    private var panelHeight: Double { Self.panelTitleHeight + Double(stripRows) * Self.stripPitch }

    private func frame(_ canvas: Canvas) -> (header: Header, width: Double) {
        let panel = stripsWidth(canvas) + (topTokens.isEmpty ? 0 : 60 + probabilityBars(canvas.theme).width(canvas))
        return header.fitted(canvas, contentWidth: max(network.size(canvas).width, panel), roomWidth: room.width - 2 * Layout.margin)
    }

    func size(_ canvas: Canvas) throws -> Size {
        let (header, width) = frame(canvas)
        return Size(width: width + 2 * Layout.margin,
                    height: header.height + network.size(canvas).height + Layout.gap * 2 + panelHeight + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let theme = canvas.theme
        let (header, width) = frame(canvas)
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        var y = Layout.margin + header.height
        try network.draw(canvas, x: Layout.margin, y: y)
        y += network.size(canvas).height + Layout.gap
        canvas.line(Layout.margin, y, Layout.margin + width, y, theme.grid)
        y += Layout.gap
        let title = "inside step \(t)" + (unitsNote.map { " · \($0)" } ?? "")
        canvas.text(title, x: Layout.margin, y: y, size: 13, bold: true, valign: .top)
        var x = Layout.margin
        let maxCount = columns.flatMap { $0 }.map(\.values.count).max() ?? 1
        let cell = VectorStrip.cellWidth(count: maxCount, width: stripWidth)
        for strips in columns {
            let labelRight = x + labelWidth(canvas, strips) - 10
            for (k, strip) in strips.enumerated() {
                strip.draw(canvas, labelRight: labelRight, x: labelRight + 10,
                           y: y + Self.panelTitleHeight + VectorStrip.height / 2 + Double(k) * Self.stripPitch, cellWidth: cell)
            }
            x = labelRight + 10 + stripWidth + Layout.gap
        }
        if let unitBar {
            try unitBar.draw(canvas, x: x - Layout.gap + 24, y: y + Self.panelTitleHeight, height: unitBarHeight)
        }
        guard !topTokens.isEmpty else { return }
        let left = Layout.margin + stripsWidth(canvas) + 60
        canvas.text("softmax: most likely next tokens", x: left, y: y, size: 13, bold: true, valign: .top)
        probabilityBars(theme).draw(canvas, x: left, y: y + Self.panelTitleHeight + VectorStrip.height / 2)
    }
}

extension Array where Element == [Double] {
    /// Rows and columns swapped (rows of equal length).
    var transposed: [[Double]] {
        guard let width = first?.count else { return [] }
        return (0..<width).map { column in map { $0[column] } }
    }
}
