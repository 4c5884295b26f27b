import RNNCore

/// `cell`: the inside of one cell at the step where h changed most, as in colah's diagrams
/// (c_{t-1} → × f → + i·g → c_t; tanh; × o → h_t), each vector drawn as a coloured strip with values.
struct CellFigure: Figure {
    let trace: LessonTrace
    let t: Int
    let header: Header
    static let cellWidth: Double = 760
    static let cellHeight: Double = 380
    static let side: Double = 130

    init(trace: LessonTrace) {
        self.trace = trace
        // The step whose bottom-layer h moved most from the previous one (the last on ties).
        var best = 0, bestChange = -1.0
        for (k, step) in trace.steps.enumerated() {
            let previous = k > 0 ? trace.steps[k - 1].layers.first?.h ?? [] : []
            let h = step.layers.first?.h ?? []
            let change = h.indices.map { i in Double(h[i] - (i < previous.count ? previous[i] : 0)) }.map { $0 * $0 }.reduce(0, +)
            if change >= bestChange { best = k; bestChange = change }
        }
        t = best
        let token = trace.steps.isEmpty ? "" : displayToken(trace.steps[best].inputToken)
        let layerNote = trace.layerCount > 1 ? " (layer 0)" : ""
        header = Header(title: trace.lesson.title, subtitles: [
            trace.subtitle,
            "Inside the \(trace.model.cell.uppercased()) cell\(layerNote) at step t = \(t), reading “\(token)” — the step where h changed most",
        ])
    }

    func size(_ canvas: Canvas) throws -> Size {
        Size(width: max(Self.cellWidth + 2 * Self.side, min(header.preferredWidth(canvas), 1100)) + 2 * Layout.margin,
             height: header.height + 40 + Self.cellHeight + 24 + 110 + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: size.width - 2 * Layout.margin)
        let step = trace.steps[t]
        guard let layer = step.layers.first else { return }
        let previous = t > 0 ? trace.steps[t - 1].layers.first : nil
        let zeros = [Float](repeating: 0, count: layer.h.count)
        let d = Drawing(canvas: canvas, x0: (size.width - Self.cellWidth) / 2, y0: Layout.margin + header.height + 40)
        d.frame()
        let barTop = d.y0 + Self.cellHeight + 24
        switch trace.model.cell.lowercased() {
        case "lstm":
            // c is not squashed: c_{t-1} and c_t share one scale, with its own colour bar when
            // it reaches beyond ±1.
            let cPrevious = previous?.c ?? zeros
            let cScale = ValueScale.symmetric(covering: cPrevious + (layer.c ?? []))
            d.lstm(layer, hPrevious: previous?.h ?? zeros, cPrevious: cPrevious, x: step.x, cScale: cScale)
            if cScale.range.upperBound > 1 {
                try ColorBar(scale: cScale, label: "cell state c").draw(
                    canvas, x: d.x0 + Self.cellWidth - 370, y: barTop, height: 100)
            }
        case "gru": d.gru(layer, hPrevious: previous?.h ?? zeros, x: step.x)
        default: d.rnn(layer, hPrevious: previous?.h ?? zeros, x: step.x)
        }
        try ColorBar(scale: .unit, label: "gate σ").draw(canvas, x: d.x0 + Self.cellWidth - 250, y: barTop, height: 100)
        try ColorBar(scale: .signed, label: "value").draw(canvas, x: d.x0 + Self.cellWidth - 130, y: barTop, height: 100)
    }

    /// Schematic drawing helpers in the cell's coordinates.
    struct Drawing {
        let canvas: Canvas
        let x0: Double
        let y0: Double
        var theme: Theme { canvas.theme }
        var width: Double { CellFigure.cellWidth }
        var height: Double { CellFigure.cellHeight }
        var cLine: Double { y0 + 60 }
        var hLine: Double { y0 + height - 40 }
        var gateLine: Double { y0 + 230 }

        func frame() {
            canvas.fill(Rect(x: x0, y: y0, width: width, height: height), theme.grid.withAlpha(0.25), radius: 18)
            canvas.stroke(Rect(x: x0, y: y0, width: width, height: height), theme.grid, width: 1.5, radius: 18)
        }

        func wire(_ points: [(Double, Double)], arrow: Bool = true) {
            guard points.count >= 2 else { return }
            canvas.polyline(Array(points.dropLast()) + [points[points.count - 1]], theme.axis, width: 2)
            if arrow {
                let a = points[points.count - 2], b = points[points.count - 1]
                canvas.arrow(a.0, a.1, b.0, b.1, theme.axis, width: 2, head: 9)
            }
        }

        /// Which side of a gate box its value strip (and, opposite, its name) goes.
        enum Side { case left, right }

        /// Where gate value strips start: low enough that their titles clear the wires above the
        /// gates (the i·g and 1−z products run at `productLine`), ending level with the gate boxes.
        var gateStripTop: Double { gateLine - 64 }
        /// The height of value strips beside the gates.
        static let gateStripHeight: Double = 80
        /// The level of the products drawn above the gates (i·g in an LSTM, (1−z)·n in a GRU).
        var productLine: Double { y0 + 122 }

        /// A layer box (σ or tanh) with its gate name below, on the side away from its strip.
        func gate(_ symbol: String, name: String, x: Double, y: Double, nameSide: Side = .left) {
            let r = Rect(x: x - 24, y: y - 15, width: 48, height: 30)
            canvas.fill(r, RGBColor(hex: 0xFCE5A2), radius: 4)
            canvas.stroke(r, RGBColor(hex: 0xB8860B), width: 1.2, radius: 4)
            canvas.text(symbol, x: x, y: y, size: 14, align: .center, valign: .middle)
            canvas.text(name, x: nameSide == .left ? x - 28 : x + 28, y: y + 22, size: 14, bold: true, italic: true,
                        align: nameSide == .left ? .right : .left, valign: .middle)
        }

        /// A gate box fed from the h line, with its value strip (if traced) beside it on `stripSide`.
        func gate(_ symbol: String, name: String, x: Double, values: [Float]?, stripSide: Side = .right) {
            wire([(x0 + 90, hLine), (x, hLine), (x, gateLine + 15)])
            gate(symbol, name: name, x: x, y: gateLine, nameSide: stripSide == .right ? .left : .right)
            guard let values else { return }
            let stripX = stripSide == .right ? x + 32 : x - 32 - Self.stripWidth(values.count)
            strip(name, values, scale: GatesFigure.isTanh(name) ? .signed : .unit, x: stripX, y: gateStripTop,
                  maxHeight: Self.gateStripHeight)
        }

        /// A pointwise operation (×, +, tanh).
        func node(_ op: String, x: Double, y: Double) {
            let radius = op.count > 1 ? 20.0 : 13
            canvas.circle(x, y, radius: radius, fill: RGBColor(hex: 0xF6C5D0), stroke: RGBColor(hex: 0xC2185B), width: 1.2)
            canvas.text(op, x: x, y: y, size: op.count > 1 ? 12 : 17, align: .center, valign: .middle)
        }

        /// Vectors up to this long are drawn as cells with their values written in.
        static let writtenCount = 8

        /// The width of a strip of `count` values: wide enough for numbers when they are written.
        static func stripWidth(_ count: Int) -> Double { count <= writtenCount ? 36 : 12 }

        /// A vertical strip of the vector's values, top at `y`, with a label above; never taller than
        /// `maxHeight` — long vectors (hundreds of units) become a thin colour band without numbers.
        func strip(_ label: String, _ values: [Float], scale: ValueScale, x: Double, y: Double, maxHeight: Double = 90) {
            let n = max(values.count, 1)
            let written = n <= Self.writtenCount
            let cellH = min(written ? 16 : 10, maxHeight / Double(n))
            let cellW = Self.stripWidth(n)
            canvas.text(label, x: x + cellW / 2, y: y - 4, size: 12, bold: true, align: .center, valign: .bottom)
            for (i, v) in values.enumerated() {
                let r = Rect(x: x, y: y + Double(i) * cellH, width: cellW, height: cellH - (cellH >= 6 ? 1 : 0))
                let fill = scale.color(Double(v))
                canvas.fill(r, fill)
                if written, cellH >= 11 {
                    canvas.text(Ticks.format(Double(v), decimals: 2), x: r.midX, y: r.midY, size: 9,
                                color: canvas.contrastingText(on: fill), align: .center, valign: .middle)
                }
            }
            canvas.stroke(Rect(x: x, y: y, width: cellW, height: cellH * Double(n)), theme.grid, width: 0.75)
        }

        /// Inputs common to every cell: h_{t-1} from the left, x_t from below (its strip centred
        /// under the wire it feeds, the wire starting above the strip's label), merged on the h line.
        func inputs(hPrevious: [Float], x: [Float], mergeX: Double) {
            strip("h_{t-1}", hPrevious, scale: .signed, x: x0 - 110, y: hLine - 20)
            wire([(x0 - 60, hLine), (mergeX, hLine)], arrow: false)
            let xTop = y0 + height + 40
            strip("x_t", x, scale: x.allSatisfy { $0 == 0 || $0 == 1 } ? .unit : .symmetric(covering: x),
                  x: mergeX - Self.stripWidth(x.count) / 2, y: xTop, maxHeight: 80)
            wire([(mergeX, xTop - 22), (mergeX, hLine)], arrow: false)
            canvas.circle(mergeX, hLine, radius: 3.5, fill: theme.axis)
            canvas.text("[h_{t-1}, x_t]", x: mergeX + 8, y: hLine + 14, size: 11, color: theme.secondaryText, valign: .middle)
        }

        func lstm(_ layer: LayerStepTrace, hPrevious: [Float], cPrevious: [Float], x: [Float], cScale: ValueScale) {
            let g = layer.gates
            let xf = x0 + 170, xi = x0 + 290, xg = x0 + 410, xo = x0 + 580, xt = x0 + 680
            inputs(hPrevious: hPrevious, x: x, mergeX: x0 + 90)
            strip("c_{t-1}", cPrevious, scale: cScale, x: x0 - 110, y: cLine - 20 + 30)
            wire([(x0 - 60, cLine), (xf - 13, cLine)])
            node("×", x: xf, y: cLine)
            wire([(xf + 13, cLine), (xg - 13, cLine)])
            node("+", x: xg, y: cLine)
            wire([(xg + 13, cLine), (x0 + width + 60, cLine)])
            if let c = layer.c { strip("c_t", c, scale: cScale, x: x0 + width + 70, y: cLine - 20 + 30) }
            // Gates fed from the h line; o's strip sits left of it, clear of the o → × wire.
            gate("σ", name: "f", x: xf, values: g["f"])
            gate("σ", name: "i", x: xi, values: g["i"])
            gate("tanh", name: "g", x: xg, values: g["g"])
            gate("σ", name: "o", x: xo, values: g["o"], stripSide: .left)
            wire([(xf, gateLine - 15), (xf, cLine + 13)])
            node("×", x: xg, y: productLine)
            wire([(xi, gateLine - 15), (xi, productLine), (xg - 13, productLine)])
            wire([(xg, gateLine - 15), (xg, productLine + 13)])
            wire([(xg, productLine - 13), (xg, cLine + 13)])
            // Output: tanh(c_t) × o → h_t.
            node("tanh", x: xt, y: y0 + 130)
            wire([(xt, cLine), (xt, y0 + 110)])
            node("×", x: xt, y: gateLine)
            wire([(xt, y0 + 150), (xt, gateLine - 13)])
            wire([(xo + 24, gateLine), (xt - 13, gateLine)])
            wire([(xt, gateLine + 13), (xt, hLine), (x0 + width + 60, hLine)])
            strip("h_t", layer.h, scale: .signed, x: x0 + width + 70, y: hLine - 20)
        }

        func gru(_ layer: LayerStepTrace, hPrevious: [Float], x: [Float]) {
            let g = layer.gates
            let xr = x0 + 190, xz = x0 + 330, xn = x0 + 520, xm = x0 + 650
            let top = cLine
            inputs(hPrevious: hPrevious, x: x, mergeX: x0 + 90)
            // h_{t-1} also runs along the top: z·h_{t-1} + (1−z)·n.
            wire([(x0 - 60, hLine), (x0 + 30, hLine), (x0 + 30, top), (xz - 13, top)])
            node("×", x: xz, y: top)
            wire([(xz + 13, top), (xm - 13, top)])
            node("+", x: xm, y: top)
            wire([(xm + 13, top), (x0 + width + 40, top), (x0 + width + 40, hLine), (x0 + width + 60, hLine)])
            // Gates fed from the h line; n's strip sits left of it, clear of the n → × wire.
            gate("σ", name: "r", x: xr, values: g["r"])
            gate("σ", name: "z", x: xz, values: g["z"])
            gate("tanh", name: "n", x: xn, values: g["n"], stripSide: .left)
            wire([(xz, gateLine - 15), (xz, top + 13)])
            node("1−", x: xz + 70, y: productLine)
            wire([(xz, productLine), (xz + 50, productLine)])
            node("×", x: xm, y: productLine)
            wire([(xz + 90, productLine), (xm - 13, productLine)])
            wire([(xn, gateLine - 15), (xn, y0 + 170), (xm, y0 + 170), (xm, productLine + 13)])
            wire([(xm, productLine - 13), (xm, top + 13)])
            // r has no wire of its own here: say what it does, above its strip, clear of every wire.
            canvas.text("r gates h_{t-1} inside n", x: (x0 + 30 + xz) / 2, y: y0 + 100, size: 11,
                        color: theme.secondaryText, align: .center, valign: .middle)
            strip("h_t", layer.h, scale: .signed, x: x0 + width + 70, y: hLine - 20)
        }

        func rnn(_ layer: LayerStepTrace, hPrevious: [Float], x: [Float]) {
            let xa = x0 + width / 2
            inputs(hPrevious: hPrevious, x: x, mergeX: x0 + 90)
            wire([(x0 + 90, hLine), (xa, hLine), (xa, gateLine + 15)])
            // The pre-activation strip below-left of the box (its name right of it), above the h line.
            gate("tanh", name: "h", x: xa, y: gateLine, nameSide: .right)
            if let a = layer.preActivations["a"] {
                strip("a = W·[h,x]+b", a, scale: .symmetric(covering: a), x: xa - 120, y: gateLine + 30, maxHeight: 70)
            }
            wire([(xa, gateLine - 15), (xa, cLine), (x0 + width + 40, cLine), (x0 + width + 40, hLine), (x0 + width + 60, hLine)])
            // The formula left of the rising wire, not across it.
            canvas.text("h_t = tanh(W_xh x_t + W_hh h_{t-1} + b)", x: xa - 16, y: y0 + 130, size: 14, align: .right,
                        valign: .middle)
            strip("h_t", layer.h, scale: .signed, x: x0 + width + 70, y: hLine - 20)
        }
    }
}
