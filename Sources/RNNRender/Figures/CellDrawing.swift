import RNNTrace

extension CellFigure {
    /// Schematic drawing helpers in the cell's coordinates.
    struct Drawing {
        let canvas: Canvas
        let x0: Double
        let y0: Double
        /// The units drawn in every strip of a layer's vectors.
        let units: UnitSelection
        var theme: Theme { canvas.theme }
        var width: Double { CellFigure.cellWidth }
        var height: Double { CellFigure.cellHeight }
        var cLine: Double { y0 + 50 }
        /// The level of the products drawn above the gates (i·g in an LSTM, (1−z)·n in a GRU).
        var productLine: Double { y0 + 100 }
        var gateLine: Double { y0 + 190 }
        var hLine: Double { y0 + height - 35 }
        /// Where the incoming strips stand (left of the cell) and the outgoing ones (right of it).
        var inX: Double { x0 - 88 }
        var outX: Double { x0 + width + 52 }
        /// Where gate value strips start: their titles clear the products above the gates.
        var gateStripTop: Double { gateLine - 58 }
        static let gateStripHeight: Double = 70
        /// Vectors up to this long are drawn as cells with their values written in.
        static let writtenCount = 8
        /// The most cells a strip draws; a wider layer shows its most varying units.
        static let largestStrip = 32

        func frame() {
            canvas.fill(Rect(x: x0, y: y0, width: width, height: height), theme.grid.withAlpha(0.25), radius: 18)
            canvas.stroke(Rect(x: x0, y: y0, width: width, height: height), theme.grid, width: 1.5, radius: 18)
        }

        func wire(_ points: [(Double, Double)], arrow: Bool = true) {
            guard points.count >= 2 else { return }
            canvas.polyline(points, theme.axis, width: 2)
            if arrow {
                let a = points[points.count - 2], b = points[points.count - 1]
                canvas.arrow(a.0, a.1, b.0, b.1, theme.axis, width: 2, head: 9)
            }
        }

        /// Which side of a gate box its value strip (and, opposite, its name) goes.
        enum Side { case left, right }

        /// A layer box (σ or tanh) with its name below, on the side away from its strip.
        func gate(_ symbol: String, name: String, x: Double, y: Double, nameSide: Side = .left, width: Double = 48) {
            let r = Rect(x: x - width / 2, y: y - 15, width: width, height: 30)
            canvas.fill(r, RGBColor(hex: 0xFCE5A2), radius: 4)
            canvas.stroke(r, RGBColor(hex: 0xB8860B), width: 1.2, radius: 4)
            canvas.fittedText(symbol, x: x, y: y, maxWidth: width - 6, size: 14, align: .center, valign: .middle)
            canvas.text(name, x: nameSide == .left ? x - width / 2 - 4 : x + width / 2 + 4, y: y + 22, size: 14, bold: true,
                        italic: true, align: nameSide == .left ? .right : .left, valign: .middle)
        }

        /// A gate box fed from the h line, with its value strip (if traced) beside it on `stripSide`.
        func gate(_ symbol: String, name: String, x: Double, values: [Float]?, stripSide: Side = .right, stripTop: Double? = nil) {
            wire([(x0 + 70, hLine), (x, hLine), (x, gateLine + 15)])
            gate(symbol, name: name, x: x, y: gateLine, nameSide: stripSide == .right ? .left : .right)
            guard let values else { return }
            let shown = units.rows(values)
            let stripX = stripSide == .right ? x + 30 : x - 30 - Self.stripWidth(shown.count)
            strip(name, shown, scale: CellKind.isTanhGate(name) ? .signed : .unit, x: stripX, y: stripTop ?? gateStripTop,
                  maxHeight: Self.gateStripHeight)
        }

        /// A pointwise operation (×, +, tanh).
        func node(_ op: String, x: Double, y: Double) {
            let radius = op.count > 1 ? 20.0 : 13
            canvas.circle(x, y, radius: radius, fill: RGBColor(hex: 0xF6C5D0), stroke: RGBColor(hex: 0xC2185B), width: 1.2)
            canvas.text(op, x: x, y: y, size: op.count > 1 ? 12 : 17, align: .center, valign: .middle)
        }

        /// The width of a strip of `count` values: wide enough for numbers when they are written.
        static func stripWidth(_ count: Int) -> Double { count <= writtenCount ? 36 : 12 }

        /// A vertical strip of the vector's values, top at `y`, with a label above; never taller than
        /// `maxHeight`. Values are written when there are few of them.
        func strip(_ label: String, _ values: [Float], scale: ValueScale, x: Double, y: Double, maxHeight: Double = 80) {
            let n = max(values.count, 1)
            let written = n <= Self.writtenCount
            let cellH = min(written ? 16 : 10, maxHeight / Double(n))
            let cellW = Self.stripWidth(n)
            canvas.text(label, x: x + cellW / 2, y: y - 4, size: 12, bold: true, align: .center, valign: .bottom)
            for (i, v) in values.enumerated() {
                let r = Rect(x: x, y: y + Double(i) * cellH, width: cellW, height: cellH - (cellH >= 6 ? 1 : 0))
                let fill = scale.color(Double(v))
                canvas.fill(r, fill)
                if written, cellH >= 12 {
                    canvas.text(Ticks.format(Double(v), decimals: 2), x: r.midX, y: r.midY, size: 10,
                                color: canvas.contrastingText(on: fill), align: .center, valign: .middle)
                }
            }
            canvas.stroke(Rect(x: x, y: y, width: cellW, height: cellH * Double(n)), theme.grid, width: 0.75)
        }

        /// The height a strip of `count` values takes.
        static func stripHeight(_ count: Int, maxHeight: Double = 80) -> Double {
            let n = max(count, 1)
            return min(n <= writtenCount ? 16 : 10, maxHeight / Double(n)) * Double(n)
        }

        /// A strip centred on the level `y`, left edge at `x`.
        func strip(_ label: String, _ values: [Float], scale: ValueScale, x: Double, centeredOn y: Double) {
            strip(label, values, scale: scale, x: x, y: y - Self.stripHeight(values.count) / 2)
        }

        /// The input x_t as a row of cells under the cell, centred on `x`, its value written when few.
        func inputRow(_ values: [Float], x: Double) {
            let oneHot = values.allSatisfy { $0 == 0 || $0 == 1 }
            let scale: ValueScale = oneHot ? .unit : .symmetric(covering: values)
            let n = max(values.count, 1)
            let cellW = min(36, 300 / Double(n)), cellH = 18.0
            let top = y0 + height + 30
            let left = x - cellW * Double(n) / 2
            for (i, v) in values.enumerated() {
                let r = Rect(x: left + Double(i) * cellW, y: top, width: cellW - (cellW >= 6 ? 1 : 0), height: cellH)
                let fill = scale.color(Double(v))
                canvas.fill(r, fill)
                if cellW >= 30 {
                    canvas.text(oneHot ? (v == 1 ? "1" : "0") : Ticks.format(Double(v), decimals: 2), x: r.midX, y: r.midY,
                                size: 10, color: canvas.contrastingText(on: fill), align: .center, valign: .middle)
                }
            }
            canvas.stroke(Rect(x: left, y: top, width: cellW * Double(n), height: cellH), theme.grid, width: 0.75)
            canvas.text("x_t", x: left - 8, y: top + cellH / 2, size: 12, bold: true, align: .right, valign: .middle)
            wire([(x, top - 2), (x, hLine)], arrow: false)
        }

        /// Inputs common to every cell: h_{t-1} from the left, x_t from below, merged on the h line.
        func inputs(hPrevious: [Float], x: [Float], mergeX: Double) {
            strip("h_{t-1}", units.rows(hPrevious), scale: .signed, x: inX, centeredOn: hLine)
            wire([(inX + Self.stripWidth(units.units.count) + 4, hLine), (mergeX, hLine)], arrow: false)
            inputRow(x, x: mergeX)
            canvas.circle(mergeX, hLine, radius: 3.5, fill: theme.axis)
            canvas.text("[h_{t-1}, x_t]", x: mergeX + 8, y: hLine + 14, size: 11, color: theme.secondaryText, valign: .middle)
        }

        /// The output h_t at the right, on the h line.
        func output(_ h: [Float], from points: [(Double, Double)]) {
            wire(points + [(outX - 4, hLine)])
            strip("h_t", units.rows(h), scale: .signed, x: outX, centeredOn: hLine)
        }

        func lstm(_ layer: LayerStepTrace, hPrevious: [Float], cPrevious: [Float], x: [Float], cScale: ValueScale) {
            let g = layer.gates
            let xf = x0 + 140, xi = x0 + 240, xg = x0 + 340, xo = x0 + 495, xt = x0 + 570
            inputs(hPrevious: hPrevious, x: x, mergeX: x0 + 70)
            strip("c_{t-1}", units.rows(cPrevious), scale: cScale, x: inX, y: cLine + 22)
            wire([(inX + Self.stripWidth(units.units.count) + 4, cLine), (xf - 13, cLine)])
            node("×", x: xf, y: cLine)
            wire([(xf + 13, cLine), (xg - 13, cLine)])
            node("+", x: xg, y: cLine)
            wire([(xg + 13, cLine), (outX - 4, cLine)])
            if let c = layer.c { strip("c_t", units.rows(c), scale: cScale, x: outX, y: cLine + 22) }
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
            node("tanh", x: xt, y: y0 + 115)
            wire([(xt, cLine), (xt, y0 + 95)])
            node("×", x: xt, y: gateLine)
            wire([(xt, y0 + 135), (xt, gateLine - 13)])
            wire([(xo + 24, gateLine), (xt - 13, gateLine)])
            output(layer.h, from: [(xt, gateLine + 13), (xt, hLine)])
        }

        func gru(_ layer: LayerStepTrace, hPrevious: [Float], x: [Float]) {
            let g = layer.gates
            let xz = x0 + 150, xr = x0 + 290, xn = x0 + 430, xm = x0 + 545
            let top = cLine, resetY = gateLine + 42
            inputs(hPrevious: hPrevious, x: x, mergeX: x0 + 70)
            // h_{t-1} also runs along the top: z·h_{t-1} + (1−z)·n.
            wire([(x0 + 30, hLine), (x0 + 30, top), (xz - 13, top)])
            node("×", x: xz, y: top)
            wire([(xz + 13, top), (xm - 13, top)])
            node("+", x: xm, y: top)
            // Gates fed from the h line; r's strip sits left of it.
            gate("σ", name: "z", x: xz, values: g["z"])
            gate("σ", name: "r", x: xr, values: g["r"], stripSide: .left)
            // n's input passes r's gate: r ⊙ (W_hn h_{t-1} + b_hn) is what n reads of h_{t-1}.
            wire([(x0 + 70, hLine), (xn, hLine), (xn, resetY + 13)], arrow: false)
            node("×", x: xn, y: resetY)
            wire([(xr + 24, gateLine), (xr + 70, gateLine), (xr + 70, resetY), (xn - 13, resetY)])
            canvas.text("r ⊙ (W_hn h_{t-1} + b_hn)", x: xn + 18, y: resetY + 6, size: 11, color: theme.secondaryText,
                        valign: .middle)
            wire([(xn, resetY - 13), (xn, gateLine + 15)])
            gate("tanh", name: "n", x: xn, y: gateLine, nameSide: .left)
            if let n = g["n"] {
                strip("n", units.rows(n), scale: .signed, x: xn + 30, y: gateLine - 40, maxHeight: Self.gateStripHeight)
            }
            wire([(xz, gateLine - 15), (xz, top + 13)])
            node("1−", x: xz + 70, y: productLine)
            wire([(xz, productLine), (xz + 50, productLine)])
            node("×", x: xm, y: productLine)
            wire([(xz + 90, productLine), (xm - 13, productLine)])
            wire([(xn, gateLine - 15), (xn, y0 + 122), (xm, y0 + 122), (xm, productLine + 13)])
            wire([(xm, productLine - 13), (xm, top + 13)])
            output(layer.h, from: [(xm + 13, top), (x0 + width + 30, top), (x0 + width + 30, hLine)])
        }

        func rnn(_ layer: LayerStepTrace, hPrevious: [Float], x: [Float]) {
            let xs = x0 + 250, xa = x0 + 420
            inputs(hPrevious: hPrevious, x: x, mergeX: x0 + 70)
            // The weighted sum a_t on the way to tanh, its values beside it.
            wire([(x0 + 70, hLine), (xs - 70, hLine)])
            gate("W·[h_{t-1}, x_t] + b", name: "", x: xs, y: hLine, width: 140)
            if let a = layer.preActivations["a"] {
                let shown = units.rows(a)
                let height = Self.stripHeight(shown.count, maxHeight: 70)
                strip("a_t", shown, scale: .symmetric(covering: a), x: xs - Self.stripWidth(shown.count) / 2,
                      y: hLine - 23 - height, maxHeight: 70)
            }
            wire([(xs + 70, hLine), (xa, hLine), (xa, gateLine + 15)])
            gate("tanh", name: "", x: xa, y: gateLine)
            canvas.text("h_t = tanh(W_xh x_t + W_hh h_{t-1} + b)", x: x0 + 30, y: y0 + 100, size: 14, valign: .middle)
            output(layer.h, from: [(xa, gateLine - 15), (xa, cLine), (x0 + width + 30, cLine), (x0 + width + 30, hLine)])
        }
    }
}
