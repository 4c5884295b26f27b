import RNNTrace

/// A step frame of a seq2seq answer at decoder step `t`: the question's words shaded by this
/// step's attention weights α (values written), the answer so far with the word being written
/// highlighted, the previous and new decoder state and the context vector as colour strips, and
/// the softmax's likeliest next words as bars with the chosen one marked.
///
/// Every frame of one trace has the same size: the answer's row is laid out for the whole answer,
/// and words not yet written leave their places empty.
struct DecoderStepFigure: Figure {
    let trace: LessonTrace
    /// The decoder step, from 0.
    let t: Int
    let header: Header
    let room: Size

    /// The widest a row of word boxes grows before wrapping: the room's width.
    var maxRowWidth: Double { room.width - 2 * Layout.margin }
    static let tokenSize: Double = 15
    static let valueSize: Double = 12
    static let sectionSize: Double = 14
    /// From a section's title to its content.
    static let sectionTitleHeight: Double = 28
    var stripWidth: Double { min(480, maxRowWidth - 680) }
    static let columnGap: Double = 48

    init(trace: LessonTrace, t: Int, room: Size = PageSize.natural.room) {
        self.trace = trace
        self.t = t
        self.room = room
        let count = trace.decoder?.count ?? 0
        header = trace.header(
            "Decoder step t = \(t) of 0…\(count - 1): writing “\(displayToken(trace.decoder![t].outputToken))”")
    }

    private var step: DecoderStepTrace { trace.decoder![t] }
    private var attention: [Float]? { step.attention }

    // MARK: parts

    private var questionRow: TokenBoxRow {
        TokenBoxRow(tokens: trace.tokenLabels, fontSize: Self.tokenSize, valueSize: attention == nil ? nil : Self.valueSize,
                    maxWidth: maxRowWidth - 90)
    }
    private var answerRow: TokenBoxRow {
        TokenBoxRow(tokens: (trace.decoder ?? []).map { displayToken($0.outputToken) }, fontSize: Self.tokenSize,
                    valueSize: nil, maxWidth: maxRowWidth)
    }
    private var attentionBar: ColorBar { ColorBar(scale: .unit, label: "weight α") }

    /// The previous state (the encoder's last top-layer state at the first step), the context and the new state.
    private var strips: [VectorStrip] {
        let previous: [Float]? = t > 0 ? trace.decoder![t - 1].state : trace.steps.last?.layers.last?.h
        // One scale for every frame of the answer: a colour means the same value throughout.
        let decoder = trace.decoder ?? []
        let scale = ValueScale.symmetric(
            covering: (trace.steps.last?.layers.last?.h ?? []) + decoder.flatMap { $0.state + ($0.context ?? []) })
        // A wide state shows the units that vary most over the answer (the same in every frame).
        let limit = Int(stripWidth / 3)
        func units(_ series: [[Float]]) -> UnitSelection {
            UnitSelection.byVariance(series.map { $0.map(Double.init) }.transposed, limit: limit)
        }
        let states = units(decoder.map(\.state)), contexts = units(decoder.compactMap(\.context))
        var list: [VectorStrip] = []
        if let previous {
            list.append(VectorStrip(label: t > 0 ? Self.previousLabel : Self.firstPreviousLabel, values: states.rows(previous), scale: scale))
        }
        if let context = step.context {
            list.append(VectorStrip(label: "c_t  context = Σ_j α_j h_j", values: contexts.rows(context), scale: scale))
        }
        list.append(VectorStrip(label: "s_t  new state", values: states.rows(step.state), scale: scale))
        return list
    }

    /// "s: 128 of 4096 units, by variance", when the state is summarised.
    private var unitsNote: String? {
        let count = step.state.count, shown = strips.last?.values.count ?? count
        return shown < count ? "\(shown) of \(count) units, by variance over the answer" : nil
    }
    private var stripsHeight: Double { Double(strips.count) * (VectorStrip.height + 6) - 6 }
    private var stripBar: ColorBar { ColorBar(scale: strips[0].scale, label: "value") }
    static let previousLabel = "s_{t-1}  previous state"
    static let firstPreviousLabel = "s_{t-1}  encoder's last state"
    /// Measured for both names of the previous state, so every frame of a trace has one size.
    private func stripLabelWidth(_ canvas: Canvas) -> Double {
        canvas.maxTextWidth(strips.map(\.label) + [Self.previousLabel, Self.firstPreviousLabel], size: VectorStrip.labelSize) + 10
    }
    /// The strips' cell width (whole points for long vectors) and the cells' total width.
    private var stripCells: (width: Double, total: Double) {
        let count = strips.map(\.values.count).max() ?? 1
        let width = VectorStrip.cellWidth(count: count, width: stripWidth)
        return (width, width * Double(count))
    }
    private func stripsWidth(_ canvas: Canvas) -> Double {
        stripLabelWidth(canvas) + stripCells.total + Layout.gap + stripBar.width(canvas, height: stripsHeight)
    }

    static let chosenNote = "  ← chosen"

    /// The softmax's likeliest next words, the chosen one solid and marked; the label column and
    /// the room for values are those of the whole answer's, so the bars stay put from frame to frame.
    private func probabilityBars(_ canvas: Canvas) -> ProbabilityBars {
        let theme = canvas.theme
        var bars = ProbabilityBars(bars: zip(step.topTokens, step.topProbabilities).map { token, p in
            let chosen = token == step.outputToken
            return ProbabilityBars.Bar(label: displayToken(token), probability: p,
                                       color: chosen ? theme.output : theme.output.withAlpha(0.35), bold: chosen,
                                       note: chosen ? Self.chosenNote : "")
        })
        let everyToken = (trace.decoder ?? []).flatMap(\.topTokens).map(displayToken)
        bars.minLabelWidth = max(bars.minLabelWidth, canvas.maxTextWidth(everyToken, size: ProbabilityBars.labelSize, bold: true))
        bars.minValueWidth = canvas.textWidth("0.00" + Self.chosenNote, size: ProbabilityBars.noteSize)
        return bars
    }

    // MARK: layout

    /// Where everything goes, relative to the figure's top left.
    private struct Placement {
        var header: Header
        var width: Double
        var question: TokenBoxRow.Placement
        var questionTop: Double
        var answer: TokenBoxRow.Placement
        var answerTop: Double
        var panelTop: Double
        var height: Double
    }

    private func placement(_ canvas: Canvas) -> Placement {
        let question = questionRow.place(canvas), answer = answerRow.place(canvas)
        let bars = probabilityBars(canvas)
        let questionWidth = question.width + (attention == nil ? 0 : Layout.gap + attentionBar.width(canvas, height: question.height))
        let panelWidth = stripsWidth(canvas) + (bars.bars.isEmpty ? 0 : Self.columnGap + bars.width(canvas))
        let (header, width) = header.fitted(canvas, contentWidth: max(questionWidth, answer.width, panelWidth), roomWidth: maxRowWidth)
        let questionTop = Layout.margin + header.height + Self.sectionTitleHeight
        let answerTop = questionTop + question.height + Layout.gap + Self.sectionTitleHeight
        let panelTop = answerTop + answer.height + 2 * Layout.gap
        let panelHeight = Self.sectionTitleHeight + max(stripsHeight, bars.height - ProbabilityBars.rowHeight + ProbabilityBars.barHeight)
        return Placement(header: header, width: width, question: question, questionTop: questionTop, answer: answer,
                         answerTop: answerTop, panelTop: panelTop, height: panelTop + panelHeight + Layout.margin)
    }

    func size(_ canvas: Canvas) throws -> Size {
        let p = placement(canvas)
        return Size(width: p.width + 2 * Layout.margin, height: p.height)
    }

    /// The left edge of the softmax bars' label column.
    private func barsLeft(_ canvas: Canvas) -> Double { Layout.margin + stripsWidth(canvas) + Self.columnGap }
    /// The centre line of the first softmax bar.
    private func barsTop(_ placement: Placement) -> Double {
        placement.panelTop + Self.sectionTitleHeight + ProbabilityBars.barHeight / 2
    }

    /// The bar of the chosen word, when it is among the likeliest (for tests).
    func chosenBarRect(_ canvas: Canvas) -> Rect? {
        guard let k = step.topTokens.firstIndex(of: step.outputToken) else { return nil }
        return probabilityBars(canvas).barRect(canvas, row: k, x: barsLeft(canvas), y: barsTop(placement(canvas)))
    }

    /// The box of question word `j` (for tests).
    func questionBoxRect(_ canvas: Canvas, _ j: Int) -> Rect {
        let p = placement(canvas)
        return p.question.box(j, x: Layout.margin, y: p.questionTop)
    }

    /// The box of answer word `k` (for tests).
    func answerBoxRect(_ canvas: Canvas, _ k: Int) -> Rect {
        let p = placement(canvas)
        return p.answer.box(k, x: Layout.margin, y: p.answerTop)
    }

    // MARK: drawing

    func draw(_ canvas: Canvas, size: Size) throws {
        let theme = canvas.theme
        let p = placement(canvas)
        let left = Layout.margin
        p.header.draw(canvas, x: left, y: Layout.margin, width: p.width)

        // The question, each word shaded by how much this step attends to it.
        let questionTitle = attention == nil ? "Question (this model does not attend)"
            : "Question: where step t = \(t) looks (attention α over the encoder states, sums to 1)"
        sectionTitle(canvas, questionTitle, x: left, top: p.questionTop - Self.sectionTitleHeight, width: p.width)
        let alphas = attention ?? []
        questionRow.draw(canvas, p.question, x: left, y: p.questionTop) { j in
            guard j < alphas.count else { return TokenBoxRow.Style(fill: nil, border: theme.axis) }
            return TokenBoxRow.Style(fill: attentionBar.scale.color(Double(alphas[j])), border: nil, value: Double(alphas[j]))
        }
        if attention != nil {
            try attentionBar.draw(canvas, x: left + p.question.width + Layout.gap, y: p.questionTop,
                                  height: p.question.height)
        }

        // The answer so far, the word being written highlighted; later words' places are dashed outlines.
        sectionTitle(canvas, "Answer so far: fed “\(displayToken(step.inputToken))”, writing “\(displayToken(step.outputToken))”",
                     x: left, top: p.answerTop - Self.sectionTitleHeight, width: p.width)
        answerRow.draw(canvas, p.answer, x: left, y: p.answerTop) { k in
            if k < t { return TokenBoxRow.Style(fill: theme.background.mixed(with: theme.output, 0.15), border: nil) }
            if k == t { return TokenBoxRow.Style(fill: theme.output, border: theme.text, emphasised: true) }
            return TokenBoxRow.Style(fill: nil, border: theme.grid, placeholder: true)
        }

        canvas.line(left, p.panelTop - Layout.gap, left + p.width, p.panelTop - Layout.gap, theme.grid)
        // The decoder's state and context as strips, with their colour bar.
        let list = strips
        let hidden = step.state.count
        sectionTitle(canvas, "Decoder state and context (\(unitsNote ?? "\(hidden) values each"))", x: left, top: p.panelTop,
                     width: stripsWidth(canvas))
        let labelRight = left + stripLabelWidth(canvas) - 10
        let cells = stripCells
        let stripsTop = p.panelTop + Self.sectionTitleHeight
        for (k, strip) in list.enumerated() {
            strip.draw(canvas, labelRight: labelRight, x: labelRight + 10,
                       y: stripsTop + VectorStrip.height / 2 + Double(k) * (VectorStrip.height + 6), cellWidth: cells.width)
        }
        try stripBar.draw(canvas, x: (labelRight + 10).rounded() + cells.total + Layout.gap, y: stripsTop, height: stripsHeight)

        // The softmax's likeliest next words.
        let bars = probabilityBars(canvas)
        guard !bars.bars.isEmpty else { return }
        sectionTitle(canvas, "softmax: most likely next words", x: barsLeft(canvas), top: p.panelTop, width: bars.width(canvas))
        bars.draw(canvas, x: barsLeft(canvas), y: barsTop(p))
    }

    /// A bold section title with its top at `top`, shrunk or elided to `width`.
    private func sectionTitle(_ canvas: Canvas, _ text: String, x: Double, top: Double, width: Double) {
        canvas.fittedText(text, x: x, y: top, maxWidth: width, size: Self.sectionSize,
                          minSize: 12, bold: true, valign: .top)
    }
}
