
extension UnrolledNetwork {
    private var g: UnrolledGeometry { geometry }
    private var layers: Int { g.layers }
    private var fitting: UnrolledGeometry.Fitting {
        .init(trace: trace, showsDecoder: showsDecoder, outputBoxes: outputBoxes, layerLimit: g.shownLayers.layers.count)
    }

    /// Where a column stands in the drawing.
    struct Position {
        /// Its index among all drawn columns.
        var index: Int
        var first: Bool
        var last: Bool
        /// The last column of a wrapped row.
        var rowEnd: Bool
        /// Whether it starts a wrapped row (after the first), so the recurrence arrives from the left edge.
        var startsRow: Bool
    }

    /// Draws the network with its top left corner at (`x`, `y`).
    func draw(_ canvas: Canvas, x: Double, y: Double) throws {
        let left = x + g.labelWidth
        let list = columnList
        let outputs = OutputRows(trace: trace, steps: encoderSteps)
        for (k, item) in list.enumerated() {
            let row = k / g.perRow, column = k % g.perRow
            let bandTop = y + Double(row) * (g.bandHeight + Layout.gap)
            let cx = left + (Double(column) + 0.5) * g.pitch
            if column == 0 { drawRowLabels(canvas, x: left - 12 - fitting.featureWidth(canvas), top: bandTop) }
            let position = Position(index: k, first: k == 0, last: k == list.count - 1, rowEnd: column == g.perRow - 1,
                                    startsRow: k > 0 && column == 0)
            switch item {
            case .encoder(let t):
                drawStep(canvas, t: t, centerX: cx, top: bandTop, position: position, outputs: outputs,
                         intoDecoder: k + 1 < list.count && list[k + 1] == .decoder(0))
                if column == 0 { drawFeatureNames(canvas, centerX: cx, top: bandTop) }
            case .decoder(let d):
                drawDecoderStep(canvas, d: d, centerX: cx, top: bandTop, position: position)
            }
        }
        if showsDecoder { drawGroups(canvas, list, left: left, y: y) }
        let barTop = y + (g.hasOutput ? UnrolledGeometry.predictionHeight + g.outputHeight + g.arrowGap : 0)
        try g.colorBar.draw(canvas, x: left + Double(g.perRow) * g.pitch + 20, y: barTop,
                            height: max(80, min(g.bandHeight * 0.5, 200)))
    }

    private func drawRowLabels(_ canvas: Canvas, x: Double, top: Double) {
        let l = g.layout(top: top)
        var items: [(String, Double)] = [("input token", l.token), (fitting.inputLabel, l.input)]
        for (k, layer) in g.shownLayers.layers.enumerated() { items.append((fitting.hiddenLabel(layer), l.hidden[k])) }
        if g.hasOutput, outputBoxes { items.append((fitting.outputLabel, l.output)) }
        if g.hasOutput { items.append((showsDecoder ? "answer word" : "prediction", l.prediction)) }
        if g.hasOutput, g.hasTargets { items.append(("target", l.target)) }
        for (text, cy) in items {
            canvas.text(text, x: x, y: cy, size: Self.labelSize, color: canvas.theme.secondaryText, align: .right, valign: .middle)
        }
    }

    /// Whether step `t` has no input: a one-to-many network reads its one input at step 0 only.
    private func hasNoInput(_ t: Int) -> Bool { trace.generation != nil && t > 0 }

    private func drawStep(_ canvas: Canvas, t: Int, centerX cx: Double, top: Double, position: Position,
                          outputs: OutputRows, intoDecoder: Bool) {
        let theme = canvas.theme
        let step = trace.steps[t]
        let filled = filledUpTo.map { t <= $0 } ?? true
        let l = g.layout(top: top)
        let half = g.pitch / 2
        if highlight == t {
            canvas.stroke(Rect(x: cx - half + 3, y: top - 4, width: g.pitch - 6, height: g.bandHeight + 10),
                          theme.accent(1), width: 2.5, radius: 8)
        }
        var below: Double
        if hasNoInput(t) {
            // One to many: later steps read nothing (x_t = 0), drawn as no box at all.
            if position.first || t == 1 {
                canvas.fittedText("no input after step 0", x: cx - half + 4, y: l.input, maxWidth: g.pitch * 2, size: Self.noteSize,
                                  color: theme.secondaryText, valign: .middle)
            }
            below = l.input - g.arrowGap
        } else {
            canvas.fittedText(displayToken(step.inputToken), x: cx, y: l.token, maxWidth: g.pitch - 6, size: 16,
                              color: filled ? theme.text : theme.grid, bold: true, align: .center, valign: .middle)
            let isOneHot = fitting.isOneHot
            let inputRect = vectorBox(canvas, values: step.x, cell: g.inputCell, centerX: cx, centerY: l.input, color: theme.input,
                                      filled: filled, scale: isOneHot ? .unit : .symmetric(covering: step.x),
                                      written: g.inputWritten, oneHot: isOneHot)
            below = inputRect.minY
        }
        for (k, layer) in g.shownLayers.layers.enumerated() {
            let values = layer < step.layers.count ? g.hiddenUnits[k].rows(step.layers[layer].h) : []
            let box = vectorBox(canvas, values: values, cell: g.hiddenCell, centerX: cx, centerY: l.hidden[k],
                                color: theme.hidden, filled: filled, scale: .signed, written: g.hiddenWritten, oneHot: false)
            let arrowColor = filled ? theme.axis : theme.grid
            if k > 0 || !hasNoInput(t) { canvas.arrow(cx, below - 2, cx, box.maxY + 2, arrowColor) }
            if position.first {
                canvas.text(layer == 0 ? "W_xh" : "W_xh (layer \(layer))", x: cx + 5, y: (below + box.maxY) / 2,
                            size: Self.noteSize, color: theme.secondaryText, italic: true, valign: .middle)
            }
            // Recurrent arrow to the next step (or off the row's edge when wrapping).
            if !position.last {
                let endX = position.rowEnd ? cx + half + 6 : cx + g.pitch - box.width / 2 - 3
                let nextFilled = filledUpTo.map { t + 1 <= $0 } ?? true
                // The encoder's last state is the decoder's first: the hand-over arrow stands out.
                let handOver = intoDecoder && k == layers - 1
                canvas.arrow(box.maxX + 3, box.midY, endX, box.midY,
                             handOver ? theme.accent(1) : nextFilled ? theme.axis : theme.grid, width: handOver ? 2.5 : 1.5)
                if position.first || handOver {
                    canvas.text(handOver ? "s_0 = h_T" : "W_hh", x: (box.maxX + endX) / 2, y: box.midY - 5, size: Self.noteSize,
                                color: handOver ? theme.accent(1) : theme.secondaryText, italic: true, align: .center,
                                valign: .bottom)
                }
            }
            if position.startsRow {
                canvas.arrow(cx - half - 6, box.midY, box.minX - 3, box.midY, theme.axis)
            }
            below = box.minY
        }
        // Output, only where the model predicts (a many-to-one lesson predicts at the last step only).
        guard g.hasOutput, step.probabilities != nil || step.prediction != nil else { return }
        guard outputBoxes else {
            canvas.arrow(cx, below - 2, cx, l.prediction + 14, filled ? theme.axis : theme.grid)
            if filled, let prediction = step.prediction {
                let right = trace.isRegression ? nil : step.target.map { $0 == prediction }
                drawPrediction(canvas, displayToken(prediction), right: right, x: cx, y: l.prediction)
            }
            if filled, let target = step.target {
                canvas.text(displayToken(target), x: cx, y: l.target, size: 12, color: theme.secondaryText, align: .center, valign: .middle)
            }
            return
        }
        let outRect = Rect(x: cx - g.outputWidth / 2, y: l.output - g.outputHeight / 2, width: g.outputWidth, height: g.outputHeight)
        canvas.arrow(cx, below - 2, cx, outRect.maxY + 2, filled ? theme.axis : theme.grid)
        if position.first {
            canvas.text("W_hy", x: cx + 5, y: (below + outRect.maxY) / 2, size: Self.noteSize, color: theme.secondaryText,
                        italic: true, valign: .middle)
        }
        canvas.fill(outRect, theme.output.withAlpha(filled ? 0.12 : 0.04), radius: 5)
        canvas.stroke(outRect, filled ? theme.output : theme.grid, width: 1.2, radius: 5)
        guard filled else { return }
        if let p = step.probabilities {
            outputs.draw(canvas, p, prediction: step.prediction, in: outRect.inset(top: 5, left: 3, bottom: 5, right: 3))
        } else if let prediction = step.prediction {
            canvas.fittedText("ŷ " + prediction, x: cx, y: outRect.midY, maxWidth: outRect.width - 4, size: Self.noteSize,
                              align: .center, valign: .middle)
        }
        if let prediction = step.prediction {
            let right = trace.isRegression ? nil : step.target.map { $0 == prediction }
            drawPrediction(canvas, displayToken(prediction), right: right, x: cx, y: l.prediction)
        }
        if let target = step.target {
            canvas.text(displayToken(target), x: cx, y: l.target, size: 12, color: theme.secondaryText, align: .center,
                        valign: .middle)
        }
    }

    /// The predicted token, coloured and marked ✓ or ✗ when it can be right or wrong.
    private func drawPrediction(_ canvas: Canvas, _ token: String, right: Bool?, x: Double, y: Double) {
        let theme = canvas.theme
        guard let right else {
            canvas.fittedText(token, x: x, y: y, maxWidth: g.pitch - 6, size: 17, color: theme.output, bold: true,
                              align: .center, valign: .middle)
            return
        }
        let color = right ? theme.right : theme.wrong
        let mark = Theme.mark(right: right)
        let fitted = canvas.fit(token, maxWidth: g.pitch - 24, size: 17, bold: true)
        let width = canvas.textWidth(fitted.text, size: fitted.size, bold: true)
        canvas.text(fitted.text, x: x - 7, y: y, size: fitted.size, color: color, bold: true, align: .center, valign: .middle)
        canvas.text(mark, x: x - 7 + width / 2 + 3, y: y, size: 13, color: color, bold: true, valign: .middle)
    }

    /// The names of the input rows (regression features) left of the input vector of the row's first column.
    private func drawFeatureNames(_ canvas: Canvas, centerX cx: Double, top: Double) {
        let names = fitting.featureNames
        guard !names.isEmpty else { return }
        let l = g.layout(top: top)
        let height = Double(names.count) * g.inputCell.height
        let right = cx - g.inputCell.width / 2 - 9
        for (i, name) in names.enumerated() {
            let cy = l.input - height / 2 + (Double(i) + 0.5) * g.inputCell.height
            canvas.text(name, x: right, y: cy, size: Self.noteSize, color: canvas.theme.input.mixed(with: canvas.theme.text, 0.4),
                        align: .right, valign: .middle)
        }
    }

    /// Decoder step `d`: the word fed in at the bottom, an arrow up to the state strip, the state's
    /// recurrence to the next step, and the written word (with its probability) on top.
    private func drawDecoderStep(_ canvas: Canvas, d: Int, centerX cx: Double, top: Double, position: Position) {
        guard let step = trace.decoder?[d] else { return }
        let theme = canvas.theme
        let l = g.layout(top: top)
        let half = g.pitch / 2
        canvas.fittedText(displayToken(step.inputToken), x: cx, y: l.token, maxWidth: g.pitch - 6, size: 16,
                          bold: true, align: .center, valign: .middle)
        // The state, in the top hidden layer's place, with the top layer's units.
        let stateY = l.hidden[layers - 1]
        let box = vectorBox(canvas, values: g.hiddenUnits[layers - 1].rows(step.state), cell: g.hiddenCell, centerX: cx,
                            centerY: stateY, color: theme.hidden, filled: true, scale: .signed, written: g.hiddenWritten,
                            oneHot: false)
        canvas.arrow(cx, l.token - 12, cx, box.maxY + 2, theme.axis)
        if position.first || d == 0 {
            canvas.text("embed", x: cx + 5, y: (l.token - 12 + box.maxY) / 2, size: Self.noteSize, color: theme.secondaryText,
                        italic: true, valign: .middle)
        }
        if !position.last {
            let endX = position.rowEnd ? cx + half + 6 : cx + g.pitch - box.width / 2 - 3
            canvas.arrow(box.maxX + 3, box.midY, endX, box.midY, theme.axis)
        }
        if position.startsRow { canvas.arrow(cx - half - 6, box.midY, box.minX - 3, box.midY, theme.axis) }
        // Output: the chosen word's probability in the box, the word above.
        let outRect = Rect(x: cx - g.outputWidth / 2, y: l.output - g.outputHeight / 2, width: g.outputWidth, height: g.outputHeight)
        canvas.arrow(cx, box.minY - 2, cx, outRect.maxY + 2, theme.axis)
        canvas.fill(outRect, theme.output.withAlpha(0.12), radius: 5)
        canvas.stroke(outRect, theme.output, width: 1.2, radius: 5)
        if let k = step.topTokens.firstIndex(of: step.outputToken), k < step.topProbabilities.count {
            canvas.text("p " + Ticks.format(Double(step.topProbabilities[k]), decimals: 2), x: cx, y: outRect.midY,
                        size: Self.noteSize, align: .center, valign: .middle)
        }
        canvas.fittedText(displayToken(step.outputToken), x: cx, y: l.prediction, maxWidth: g.pitch - 6, size: 17,
                          color: theme.output, bold: true, align: .center, valign: .middle)
    }

    /// Brackets under the tokens naming the encoder and decoder columns, per wrapped row.
    private func drawGroups(_ canvas: Canvas, _ list: [Column], left: Double, y: Double) {
        let theme = canvas.theme
        func isEncoder(_ column: Column) -> Bool { if case .encoder = column { true } else { false } }
        var k = 0
        while k < list.count {
            // A group runs while the kind stays the same and the wrapped row does not end.
            let rowLast = (k / g.perRow + 1) * g.perRow - 1
            var end = k
            while end + 1 < list.count, end + 1 <= rowLast, isEncoder(list[end + 1]) == isEncoder(list[k]) { end += 1 }
            let row = k / g.perRow
            let l = g.layout(top: y + Double(row) * (g.bandHeight + Layout.gap))
            let x1 = left + Double(k % g.perRow) * g.pitch + 6
            let x2 = left + Double(end % g.perRow + 1) * g.pitch - 6
            let by = l.token + 16
            canvas.polyline([(x1, by - 5), (x1, by), (x2, by), (x2, by - 5)], theme.secondaryText, width: 1.2)
            canvas.fittedText(isEncoder(list[k]) ? "encoder (reads the question)" : "decoder (writes the answer)", x: (x1 + x2) / 2,
                              y: by + 4, maxWidth: max(x2 - x1, 60), size: 12, color: theme.secondaryText, bold: true,
                              align: .center, valign: .top)
            k = end + 1
        }
    }

    /// A column of cells in a tinted box; returns the box.
    @discardableResult
    private func vectorBox(_ canvas: Canvas, values: [Float], cell: Size, centerX: Double, centerY: Double,
                           color: RGBColor, filled: Bool, scale: ValueScale, written: Bool, oneHot: Bool) -> Rect {
        let theme = canvas.theme
        let height = Double(values.count) * cell.height
        let box = Rect(x: centerX - cell.width / 2 - 5, y: centerY - height / 2 - 5, width: cell.width + 10, height: height + 10)
        canvas.fill(box, color.withAlpha(filled ? 0.16 : 0.05), radius: 5)
        canvas.stroke(box, filled ? color : theme.grid, width: 1.2, radius: 5)
        guard filled else { return box }
        let gap = cell.height >= 6 ? 1.0 : 0
        for (i, v) in values.enumerated() {
            let r = Rect(x: centerX - cell.width / 2, y: box.minY + 5 + Double(i) * cell.height, width: cell.width,
                         height: cell.height - gap)
            let fill = oneHot ? (v == 1 ? theme.input : theme.background) : scale.color(Double(v))
            canvas.fill(r, fill)
            if oneHot, cell.height >= 11 {
                canvas.text(v == 1 ? "1" : "0", x: r.midX, y: r.midY, size: 10,
                            color: v == 1 ? theme.background : theme.secondaryText, align: .center, valign: .middle)
            } else if written {
                canvas.text(Ticks.format(Double(v), decimals: 2), x: r.midX, y: r.midY, size: 10,
                            color: canvas.contrastingText(on: fill), align: .center, valign: .middle)
            }
        }
        return box
    }
}
