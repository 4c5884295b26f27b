import RNNCore

/// The network unrolled over a window of steps, as the lecture draws it: input vectors (red),
/// hidden states per layer (green), output probabilities (blue), prediction and target on top,
/// arrows W_xh, W_hh, W_hy labelled once. Wraps into rows; later steps can be greyed out.
///
/// A seq2seq trace also draws its decoder after the encoder (the whole figure, not step frames):
/// each decoder step's input word, its state strip and the word it writes, the encoder's last
/// state feeding the decoder's first, both groups bracketed and named.
struct UnrolledNetwork {
    let trace: LessonTrace
    /// The steps shown.
    let window: Range<Int>
    /// Steps after this one are drawn empty (step frames); nil draws all.
    var filledUpTo: Int?
    /// A step outlined in the accent colour.
    var highlight: Int?

    /// One drawn column: an encoder (or only) step, or a seq2seq decoder step.
    enum Column: Equatable {
        case encoder(Int)
        case decoder(Int)
    }

    /// Whether the decoder is drawn after the encoder (seq2seq, whole figure only).
    var showsDecoder: Bool { filledUpTo == nil && !(trace.decoder ?? []).isEmpty }

    /// The columns drawn, in order: the window's steps, then the decoder's (at most `maxShown` in all).
    var columnList: [Column] {
        let encoder = window.map(Column.encoder)
        let decoder = showsDecoder ? (trace.decoder ?? []).indices.map(Column.decoder) : []
        return Array((encoder + decoder).prefix(max(Self.maxShown, encoder.count)))
    }

    static let pitch: Double = 86
    static let perRow = 12
    static let maxRows = 3
    static var maxShown: Int { perRow * maxRows }
    static let labelSize: Double = 11
    static let arrowGap: Double = 30

    /// A window of at most `maxShown` steps starting at 0, or centred on `around`.
    static func window(count: Int, around: Int? = nil) -> Range<Int> {
        guard count > maxShown else { return 0..<count }
        guard let around else { return 0..<maxShown }
        let start = min(max(0, around - maxShown / 2), count - maxShown)
        return start..<(start + maxShown)
    }

    private var columns: Int { min(columnList.count, Self.perRow) }
    private var rows: Int { (columnList.count + Self.perRow - 1) / Self.perRow }
    private var layers: Int { trace.layerCount }
    private var isRegression: Bool { trace.lesson.task == "regression" }
    private var hasTargets: Bool { trace.steps.contains { $0.target != nil } }

    // MARK: vector geometry

    private var isOneHot: Bool {
        trace.steps.allSatisfy { $0.x.allSatisfy { $0 == 0 || $0 == 1 } && $0.x.reduce(0, +) == 1 }
    }
    private var inputSize: Int { trace.steps.map(\.x.count).max() ?? 0 }
    private var hiddenSize: Int {
        (trace.steps.flatMap { $0.layers.map(\.h.count) } + (trace.decoder ?? []).map(\.state.count)).max() ?? 0
    }
    private var inputWritten: Bool { !isOneHot && inputSize <= 8 }
    private var hiddenWritten: Bool { hiddenSize <= 8 }
    private var inputCell: Size {
        Size(width: inputWritten ? 40 : 14, height: inputWritten ? 15 : Layout.clamp(96 / Double(max(inputSize, 1)), 2...14))
    }
    private var hiddenCell: Size {
        Size(width: hiddenWritten ? 44 : 16, height: hiddenWritten ? 15 : Layout.clamp(110 / Double(max(hiddenSize, 1)), 2...14))
    }
    private var hasOutput: Bool { showsDecoder || trace.steps.contains { $0.probabilities != nil || $0.prediction != nil } }
    private var outputRows: Int { min(trace.outputTokens.count, 5) }
    /// A classifier's output names its labels, which are words: a wider box.
    private var outputWidth: Double { trace.classification == nil ? 64 : 84 }
    private var outputNameWidth: Double { trace.classification == nil ? 14 : 38 }
    /// Whether step `t` has no input: a one-to-many network reads its one input at step 0 only.
    private func hasNoInput(_ t: Int) -> Bool { trace.generation != nil && t > 0 }
    private var outputHeight: Double {
        guard hasOutput else { return 0 }
        return trace.steps.contains { $0.probabilities != nil } ? Double(outputRows) * 12 + 10 : 24
    }
    private var inputHeight: Double { Double(inputSize) * inputCell.height + 10 }
    private var hiddenHeight: Double { Double(hiddenSize) * hiddenCell.height + 10 }
    private var predictionHeight: Double { hasOutput ? 40 : 0 }
    /// Room under the tokens for the "encoder" and "decoder" brackets.
    private var groupHeight: Double { showsDecoder ? 30 : 0 }

    /// The height of one row of steps.
    var bandHeight: Double {
        predictionHeight + outputHeight + (hasOutput ? Self.arrowGap : 0) + Double(layers) * hiddenHeight
            + Double(layers - 1) * Self.arrowGap + Self.arrowGap + inputHeight + 28 + groupHeight
    }

    private var inputLabel: String { isOneHot ? "input (one-hot)" : showsDecoder ? "input x_t (embedding)" : "input x_t" }
    private func hiddenLabel(_ layer: Int) -> String {
        layers > 1 ? "hidden h_t (layer \(layer))" : showsDecoder ? "hidden state" : "hidden h_t"
    }
    private var outputLabel: String { isRegression ? "output (linear)" : "output (softmax)" }
    private var predictionLabel: String { showsDecoder ? "answer word" : "prediction" }

    private var rowLabels: [String] {
        var labels = ["input token", inputLabel] + (0..<layers).map(hiddenLabel)
        if hasOutput { labels += [outputLabel, predictionLabel] + (hasTargets ? ["target"] : []) }
        return labels
    }

    /// Names of the input vector's rows (regression features), written left of each row's first input.
    private var featureNames: [String] {
        inputWritten && trace.model.featureNames.count == inputSize ? trace.model.featureNames : []
    }
    static let featureSize: Double = 10
    /// Extra room left of the first column for the feature names.
    private func featureWidth(_ canvas: Canvas) -> Double {
        guard !featureNames.isEmpty else { return 0 }
        let free = Self.pitch / 2 - inputCell.width / 2 - 5
        return max(0, canvas.maxTextWidth(featureNames, size: Self.featureSize) + 10 - free)
    }

    private func labelWidth(_ canvas: Canvas) -> Double {
        canvas.maxTextWidth(rowLabels, size: Self.labelSize) + 12 + featureWidth(canvas)
    }
    private var colorBar: ColorBar { ColorBar(scale: .signed, label: "hidden value h") }

    /// The size of the drawing, colour bar included.
    func size(_ canvas: Canvas) -> Size {
        Size(width: labelWidth(canvas) + Double(columns) * Self.pitch + 20 + colorBar.width(canvas, height: 120),
             height: Double(rows) * bandHeight + Double(rows - 1) * Layout.gap)
    }

    // MARK: drawing

    /// Draws the network with its top left corner at (`x`, `y`).
    func draw(_ canvas: Canvas, x: Double, y: Double) throws {
        let left = x + labelWidth(canvas)
        let list = columnList
        for (k, item) in list.enumerated() {
            let row = k / Self.perRow, column = k % Self.perRow
            let bandTop = y + Double(row) * (bandHeight + Layout.gap)
            let cx = left + (Double(column) + 0.5) * Self.pitch
            if column == 0 { drawRowLabels(canvas, x: left - 12 - featureWidth(canvas), top: bandTop) }
            let position = Position(index: k, first: k == 0, last: k == list.count - 1, rowEnd: column == Self.perRow - 1)
            switch item {
            case .encoder(let t):
                drawStep(canvas, t: t, centerX: cx, top: bandTop, position: position,
                         intoDecoder: k + 1 < list.count && list[k + 1] == .decoder(0))
                if column == 0 { drawFeatureNames(canvas, t: t, centerX: cx, top: bandTop) }
            case .decoder(let d):
                drawDecoderStep(canvas, d: d, centerX: cx, top: bandTop, position: position)
            }
        }
        if showsDecoder { drawGroups(canvas, list, left: left, y: y) }
        try colorBar.draw(canvas, x: left + Double(columns) * Self.pitch + 20, y: y + predictionHeight + outputHeight
                          + (hasOutput ? Self.arrowGap : 0), height: max(120, min(bandHeight * 0.5, 200)))
    }

    /// The vertical centre of each part of a band (top of band = `top`).
    private func layout(top: Double) -> (target: Double, prediction: Double, output: Double, hidden: [Double], input: Double, token: Double) {
        var y = top
        let target = y + 8, prediction = y + 27
        y += predictionHeight
        let output = y + outputHeight / 2
        y += outputHeight + (hasOutput ? Self.arrowGap : 0)
        var hidden: [Double] = []
        for layer in (0..<layers).reversed() {
            hidden.insert(y + hiddenHeight / 2, at: 0)
            y += hiddenHeight + (layer > 0 ? Self.arrowGap : 0)
        }
        y += Self.arrowGap
        let input = y + inputHeight / 2
        return (target, prediction, output, hidden, input, y + inputHeight + 16)
    }

    /// Where a column stands in the drawing.
    private struct Position {
        /// Its index among all drawn columns.
        var index: Int
        var first: Bool
        var last: Bool
        /// The last column of a wrapped row.
        var rowEnd: Bool
        /// Whether it starts a wrapped row (after the first), so the recurrence arrives from the left edge.
        var startsRow: Bool { index > 0 && index % UnrolledNetwork.perRow == 0 }
    }

    private func drawRowLabels(_ canvas: Canvas, x: Double, top: Double) {
        let l = layout(top: top)
        var items: [(String, Double)] = [("input token", l.token), (inputLabel, l.input)]
        for layer in 0..<layers { items.append((hiddenLabel(layer), l.hidden[layer])) }
        if hasOutput { items += [(outputLabel, l.output), (predictionLabel, l.prediction)] }
        if hasOutput, hasTargets { items.append(("target", l.target)) }
        for (text, cy) in items {
            canvas.text(text, x: x, y: cy, size: Self.labelSize, color: canvas.theme.secondaryText, align: .right, valign: .middle)
        }
    }

    private func drawStep(_ canvas: Canvas, t: Int, centerX cx: Double, top: Double, position: Position,
                          intoDecoder: Bool) {
        let theme = canvas.theme
        let first = position.first, last = position.last, rowEnd = position.rowEnd
        let step = trace.steps[t]
        let filled = filledUpTo.map { t <= $0 } ?? true
        let l = layout(top: top)
        let half = Self.pitch / 2
        if highlight == t {
            canvas.stroke(Rect(x: cx - half + 3, y: top - 4, width: Self.pitch - 6, height: bandHeight + 10),
                          theme.accent(1), width: 2.5, radius: 8)
        }
        var below: Double
        if hasNoInput(t) {
            // One to many: later steps read nothing (x_t = 0), drawn as no box at all.
            if t == 1 {
                canvas.text("no input after step 0 (x_t = 0)", x: cx - half + 4, y: l.input, size: 11, color: theme.secondaryText,
                            italic: true, valign: .middle)
            }
            below = l.input - Self.arrowGap
        } else {
            // Token.
            canvas.fittedText(displayToken(step.inputToken), x: cx, y: l.token, maxWidth: Self.pitch - 6, size: 16,
                              color: filled ? theme.text : theme.grid, bold: true, align: .center, valign: .middle)
            // Input vector.
            let inputRect = vectorBox(canvas, values: step.x, cell: inputCell, centerX: cx, centerY: l.input, color: theme.input,
                                      filled: filled, scale: isOneHot ? .unit : .symmetric(covering: step.x),
                                      written: inputWritten, oneHot: isOneHot)
            below = inputRect.minY
        }
        // Hidden layers and arrows.
        for layer in 0..<layers {
            let values = layer < step.layers.count ? step.layers[layer].h : []
            let box = vectorBox(canvas, values: values, cell: hiddenCell, centerX: cx, centerY: l.hidden[layer],
                                color: theme.hidden, filled: filled, scale: .signed, written: hiddenWritten, oneHot: false)
            let arrowColor = filled ? theme.axis : theme.grid
            if layer > 0 || !hasNoInput(t) { canvas.arrow(cx, below - 2, cx, box.maxY + 2, arrowColor) }
            if first { canvas.text(layer == 0 ? "W_xh" : "W_xh (layer \(layer))", x: cx + 5, y: (below + box.maxY) / 2,
                                   size: 10, color: theme.secondaryText, italic: true, valign: .middle) }
            // Recurrent arrow to the next step (or off the row's edge when wrapping).
            if !last {
                let endX = rowEnd ? cx + half + 6 : cx + Self.pitch - box.width / 2 - 3
                let nextFilled = filledUpTo.map { t + 1 <= $0 } ?? true
                // The encoder's last state is the decoder's first: the hand-over arrow stands out.
                let handOver = intoDecoder && layer == layers - 1
                canvas.arrow(box.maxX + 3, box.midY, endX, box.midY,
                             handOver ? theme.accent(1) : nextFilled ? theme.axis : theme.grid, width: handOver ? 2.5 : 1.5)
                if first || handOver {
                    canvas.text(handOver ? "s_0 = h_T" : "W_hh", x: (box.maxX + endX) / 2, y: box.midY - 5, size: 10,
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
        guard hasOutput, step.probabilities != nil || step.prediction != nil else { return }
        let outRect = Rect(x: cx - outputWidth / 2, y: l.output - outputHeight / 2, width: outputWidth, height: outputHeight)
        canvas.arrow(cx, below - 2, cx, outRect.maxY + 2, filled ? theme.axis : theme.grid)
        if first { canvas.text("W_hy", x: cx + 5, y: (below + outRect.maxY) / 2, size: 10, color: theme.secondaryText,
                               italic: true, valign: .middle) }
        canvas.fill(outRect, theme.output.withAlpha(filled ? 0.12 : 0.04), radius: 5)
        canvas.stroke(outRect, filled ? theme.output : theme.grid, width: 1.2, radius: 5)
        guard filled else { return }
        if let p = step.probabilities {
            drawProbabilities(canvas, p, prediction: step.prediction, in: outRect.inset(top: 5, left: 4, bottom: 5, right: 4))
        } else if let prediction = step.prediction {
            canvas.text("ŷ " + prediction, x: cx, y: outRect.midY, size: 11, align: .center, valign: .middle)
        }
        if let prediction = step.prediction {
            let right = step.target.map { $0 == prediction }
            let color = trace.lesson.task == "regression" || right == nil ? theme.output : (right! ? theme.right : theme.wrong)
            canvas.text(displayToken(prediction), x: cx, y: l.prediction, size: 17, color: color, bold: true,
                        align: .center, valign: .middle)
        }
        if let target = step.target {
            canvas.text(displayToken(target), x: cx, y: l.target, size: 12, color: theme.secondaryText, align: .center,
                        valign: .middle)
        }
    }

    /// The names of the input rows (regression features) left of the input vector of step `t`.
    private func drawFeatureNames(_ canvas: Canvas, t: Int, centerX cx: Double, top: Double) {
        guard !featureNames.isEmpty else { return }
        let l = layout(top: top)
        let height = Double(inputSize) * inputCell.height
        let right = cx - inputCell.width / 2 - 9
        for (i, name) in featureNames.enumerated() {
            let cy = l.input - height / 2 + (Double(i) + 0.5) * inputCell.height
            canvas.text(name, x: right, y: cy, size: Self.featureSize, color: canvas.theme.input.mixed(with: canvas.theme.text, 0.4),
                        align: .right, valign: .middle)
        }
    }

    /// Decoder step `d`: the word fed in at the bottom, an arrow up to the state strip, the state's
    /// recurrence to the next step, and the written word (with its probability) on top.
    private func drawDecoderStep(_ canvas: Canvas, d: Int, centerX cx: Double, top: Double, position: Position) {
        guard let step = trace.decoder?[d] else { return }
        let theme = canvas.theme
        let l = layout(top: top)
        let half = Self.pitch / 2
        canvas.fittedText(displayToken(step.inputToken), x: cx, y: l.token, maxWidth: Self.pitch - 6, size: 16,
                          bold: true, align: .center, valign: .middle)
        // The state, in the top hidden layer's place.
        let stateY = l.hidden[layers - 1]
        let box = vectorBox(canvas, values: step.state, cell: hiddenCell, centerX: cx, centerY: stateY,
                            color: theme.hidden, filled: true, scale: .signed, written: hiddenWritten, oneHot: false)
        canvas.arrow(cx, l.token - 12, cx, box.maxY + 2, theme.axis)
        if d == 0 {
            canvas.text("embed", x: cx + 5, y: (l.token - 12 + box.maxY) / 2, size: 10, color: theme.secondaryText,
                        italic: true, valign: .middle)
        }
        if !position.last {
            let endX = position.rowEnd ? cx + half + 6 : cx + Self.pitch - box.width / 2 - 3
            canvas.arrow(box.maxX + 3, box.midY, endX, box.midY, theme.axis)
        }
        if position.startsRow { canvas.arrow(cx - half - 6, box.midY, box.minX - 3, box.midY, theme.axis) }
        // Output: the chosen word's probability in the box, the word above.
        let outRect = Rect(x: cx - outputWidth / 2, y: l.output - outputHeight / 2, width: outputWidth, height: outputHeight)
        canvas.arrow(cx, box.minY - 2, cx, outRect.maxY + 2, theme.axis)
        canvas.fill(outRect, theme.output.withAlpha(0.12), radius: 5)
        canvas.stroke(outRect, theme.output, width: 1.2, radius: 5)
        if let k = step.topTokens.firstIndex(of: step.outputToken), k < step.topProbabilities.count {
            canvas.text("p " + Ticks.format(Double(step.topProbabilities[k]), decimals: 2), x: cx, y: outRect.midY,
                        size: 11, align: .center, valign: .middle)
        }
        canvas.fittedText(displayToken(step.outputToken), x: cx, y: l.prediction, maxWidth: Self.pitch - 6, size: 17,
                          color: theme.output, bold: true, align: .center, valign: .middle)
    }

    /// Brackets under the tokens naming the encoder and decoder columns, per wrapped row.
    private func drawGroups(_ canvas: Canvas, _ list: [Column], left: Double, y: Double) {
        let theme = canvas.theme
        func isEncoder(_ column: Column) -> Bool { if case .encoder = column { true } else { false } }
        var k = 0
        while k < list.count {
            // A group runs while the kind stays the same and the wrapped row does not end.
            let rowLast = (k / Self.perRow + 1) * Self.perRow - 1
            var end = k
            while end + 1 < list.count, end + 1 <= rowLast, isEncoder(list[end + 1]) == isEncoder(list[k]) { end += 1 }
            let row = k / Self.perRow
            let l = layout(top: y + Double(row) * (bandHeight + Layout.gap))
            let x1 = left + Double(k % Self.perRow) * Self.pitch + 6
            let x2 = left + Double(end % Self.perRow + 1) * Self.pitch - 6
            let by = l.token + 16
            canvas.polyline([(x1, by - 5), (x1, by), (x2, by), (x2, by - 5)], theme.secondaryText, width: 1.2)
            canvas.text(isEncoder(list[k]) ? "encoder (reads the question)" : "decoder (writes the answer)", x: (x1 + x2) / 2,
                        y: by + 4, size: 12, color: theme.secondaryText, bold: true, align: .center, valign: .top)
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
            if oneHot, cell.height >= 10 {
                canvas.text(v == 1 ? "1" : "0", x: r.midX, y: r.midY, size: 9,
                            color: v == 1 ? theme.background : theme.secondaryText, align: .center, valign: .middle)
            } else if written {
                canvas.text(Ticks.format(Double(v), decimals: 2), x: r.midX, y: r.midY, size: 9,
                            color: canvas.contrastingText(on: fill), align: .center, valign: .middle)
            }
        }
        return box
    }

    /// Small horizontal probability bars: all tokens for small vocabularies, else the top 5.
    private func drawProbabilities(_ canvas: Canvas, _ p: [Float], prediction: String?, in rect: Rect) {
        let theme = canvas.theme
        var order = Array(p.indices)
        if p.count > outputRows { order = order.sorted { p[$0] != p[$1] ? p[$0] > p[$1] : $0 < $1 }.prefix(outputRows).sorted() }
        let rowHeight = rect.height / Double(max(order.count, 1))
        for (k, i) in order.enumerated() {
            let y = rect.minY + Double(k) * rowHeight
            let names = trace.outputTokens, nameWidth = outputNameWidth
            let token = i < names.count ? displayToken(names[i]) : "\(i)"
            let chosen = i < names.count && names[i] == prediction
            canvas.fittedText(token, x: rect.minX + nameWidth - 6, y: y + rowHeight / 2, maxWidth: nameWidth, size: 9,
                              color: chosen ? theme.text : theme.secondaryText, bold: chosen, align: .right, valign: .middle)
            let barWidth = (rect.width - nameWidth) * Double(min(max(p[i], 0), 1))
            canvas.fill(Rect(x: rect.minX + nameWidth - 2, y: y + 2, width: max(barWidth, 0.5), height: rowHeight - 3),
                        chosen ? theme.output : theme.output.withAlpha(0.4))
        }
    }
}
