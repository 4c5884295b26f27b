
extension StepContent {
    /// The question (encoder steps) and the answer written so far (decoder steps).
    func seq2seqStrip(width: Int) -> [StyledLine] {
        let decoder = trace.decoder ?? []
        var encoderCurrent: Int?
        var decoderCurrent: Int?
        switch position {
        case .input(let t): encoderCurrent = t
        case .decoder(let k): decoderCurrent = k
        }
        let question = TokenStrip(
            rows: [TokenStrip.Row(label: "question", cells: trace.steps.map { TokenStrip.Cell(text: TraceDisplay.token($0.inputToken)) })],
            current: encoderCurrent)
        let written = decoderCurrent ?? -1
        let answerCells = decoder.indices.map { k -> TokenStrip.Cell in
            guard k <= written else { return TokenStrip.Cell(text: "·", style: .dim) }
            if k == written && reveal.hidesPrediction { return TokenStrip.Cell(text: "?", style: .accent) }
            return TokenStrip.Cell(text: TraceDisplay.token(decoder[k].outputToken), style: .bold)
        }
        let answer = TokenStrip(rows: [TokenStrip.Row(label: "answer", cells: answerCells, highlightsCurrent: false)],
                                current: decoderCurrent)
        return question.lines(width: width) + answer.lines(width: width)
    }

    /// "answer word 2: fine" or hidden.
    func decoderOutcome(_ k: Int) -> StyledLine {
        let step = trace.decoder![k]
        var line = StyledLine("fed “\(TraceDisplay.token(step.inputToken))” → output ", .bold)
        if reveal.hidesPrediction {
            line.append(" ? ", .current)
            line.append("   What will the network answer? Press r to reveal.", .accent)
        } else {
            line.append(TraceDisplay.token(step.outputToken), .good)
            if let p = step.topProbabilities.first, step.topTokens.first == step.outputToken {
                line.append("  (p = \(TraceDisplay.short(p)))", .dim)
            }
        }
        return line
    }

    /// The attention over the question, then s_{t-1}, the context and s_t.
    func decoderBlocks(_ k: Int) -> [VectorBlock] {
        let decoder = trace.decoder!
        let step = decoder[k]
        var blocks: [VectorBlock] = []
        let labelWidth = 11
        if let attention = step.attention {
            let names = trace.steps.map { TraceDisplay.token($0.inputToken) }
            blocks.append(VectorBlock(rows: [VectorBlock.Row(label: "attention", values: attention, scale: .unit,
                                                             unitNames: names, unitHeading: "word")], minimumLabelWidth: labelWidth))
        }
        let previous = k > 0 ? decoder[k - 1].state : (trace.steps.last?.layers.last?.h ?? [])
        var rows = [VectorBlock.Row(label: "s_{t-1}", values: previous, scale: .signed,
                                    unitNames: VectorBlock.unitNumbers(previous.count), unitHeading: "unit")]
        if let context = step.context {
            rows.append(VectorBlock.Row(label: "context", values: context, scale: .symmetric(covering: context)))
        }
        rows.append(VectorBlock.Row(label: "s_t", values: step.state, scale: .signed, emphasised: true))
        blocks.append(VectorBlock(rows: rows, minimumLabelWidth: labelWidth))
        return blocks
    }

    /// The decoder's most likely next words.
    func decoderTopTokens(_ k: Int) -> ProbabilityBars? {
        let step = trace.decoder![k]
        guard !step.topTokens.isEmpty else { return nil }
        let entries = zip(step.topTokens, step.topProbabilities).prefix(5).map { (token: $0, p: $1) }
        return ProbabilityBars(entries: entries, target: nil, title: "next word")
    }
}
