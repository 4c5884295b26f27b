import RNNTrace

/// What the step screen shows for one position of a trace: strip, outcome and body, each laid out
/// for a width. Which kind of lesson it is (next token, regression, seq2seq) decides the parts.
struct StepContent {
    var trace: LessonTrace
    var position: StepPosition
    var reveal: RevealState
    /// Whether colour is shown (decides the legend).
    var colorMode: ColorMode = .none

    /// Whether the input is named features (a regression's window of days, a generate lesson's
    /// number), shown as a table of values rather than a strip of tokens.
    var readsFeatures: Bool { trace.isRegression || !trace.model.featureNames.isEmpty }

    /// The unrolled strip (or the regression window) with the current step marked.
    func strip(width: Int) -> [StyledLine] {
        if trace.isSeq2Seq { return seq2seqStrip(width: width) }
        if readsFeatures { return windowTable(width: width) }
        return tokenStrip(width: width)
    }

    /// Prediction against target, right or wrong — or why there is none yet.
    func outcome(width: Int) -> [StyledLine] {
        switch position {
        case .decoder(let k): return [decoderOutcome(k).truncated(to: width)]
        case .input(let t):
            if trace.isSeq2Seq {
                return [StyledLine("The encoder reads the question; the answer starts at position \(trace.steps.count).", .dim)
                    .truncated(to: width)]
            }
            let lines = trace.isRegression ? regressionOutcome(t, width: width) : [predictionLine(trace.steps[t]).truncated(to: width)]
            return lines + (TraceDisplay.gradientSummary(trace, t).map { [StyledLine($0, .dim).truncated(to: width)] } ?? [])
        }
    }

    /// The vectors of the step beside (or above) the most likely next tokens.
    func body(width: Int, height: Int) -> [StyledLine] {
        switch position {
        case .decoder(let k):
            return arrange(left: decoderBlocks(k), right: decoderTopTokens(k), width: width, height: height)
        case .input(let t):
            let step = trace.steps[t]
            var right: ProbabilityBars?
            if let p = trace.probabilities(at: t) {
                right = ProbabilityBars(entries: TraceDisplay.topTokens(p, vocabulary: trace.outputTokens), target: step.target)
            }
            return arrange(left: [recurrentBlock(t)], right: right, width: width, height: height)
        }
    }

    /// "prediction e · target e ✓ right", or "prediction ? (press r to reveal)".
    func predictionLine(_ step: StepTrace) -> StyledLine {
        guard let prediction = step.prediction else {
            return StyledLine("No prediction at this step.", .dim)
        }
        var line = StyledLine("prediction ", .bold)
        if reveal.hidesPrediction {
            line.append(" ? ", .current)
            if let target = step.target { line.append("   target " + TraceDisplay.token(target)) }
            line.append("   What will the network predict? Press r to reveal.", .accent)
            return line
        }
        let right = prediction == step.target
        line.append(TraceDisplay.token(prediction), right ? .good : .bad)
        if let target = step.target {
            line.append("   target ")
            line.append(TraceDisplay.token(target), .bold)
            line.append(right ? "   ✓ right" : "   ✗ wrong", right ? .good : .bad)
        }
        return line
    }

    /// Vectors on the left and probability bars on the right when both fit side by side,
    /// else one under the other; when stacking is too tall, the vectors are narrowed instead.
    /// A colour legend closes the vectors when there is room.
    private func arrange(left blocks: [VectorBlock], right bars: ProbabilityBars?, width: Int, height: Int) -> [StyledLine] {
        let hasGates = blocks.contains { $0.rows.contains { $0.scale == .unit } }
        let leftLines: (Int) -> [StyledLine] = { w in
            blocks.enumerated().flatMap { index, block in (index > 0 ? [StyledLine()] : []) + block.lines(width: w) }
        }
        let legend = [StyledLine(), ColorLegend.line(colorMode: colorMode, gates: hasGates).truncated(to: width)]
        guard let bars else {
            let lines = leftLines(width)
            return lines.count + legend.count <= height ? lines + legend : lines
        }
        let rightLines: (Int) -> [StyledLine] = { w in
            reveal.hidesPrediction ? ProbabilityBars.hidden(count: bars.entries.count, width: w, title: bars.title)
                : bars.lines(width: w)
        }
        let gap = 2
        let fullLeft = blocks.map(\.fullWidth).max() ?? 0
        var columns: (left: Int, right: Int)?
        if fullLeft + gap + bars.minimumWidth <= width {
            let natural = blocks.map(\.naturalWidth).max() ?? fullLeft
            let left = min(natural, width - gap - bars.minimumWidth)
            columns = (left, min(width - left - gap, 40))
        } else {
            let stacked = leftLines(width) + [StyledLine()] + rightLines(width)
            if stacked.count > height {
                columns = (width - gap - bars.minimumWidth, bars.minimumWidth)
            } else {
                return stacked.count + legend.count <= height ? stacked + legend : stacked
            }
        }
        let (leftWidth, rightWidth) = columns!
        let left = leftLines(leftWidth)
        let right = rightLines(rightWidth)
        let lines = (0..<max(left.count, right.count)).map { row in
            var line = row < left.count ? left[row].padded(to: leftWidth) : StyledLine(String(repeating: " ", count: leftWidth))
            line.append(String(repeating: " ", count: gap))
            if row < right.count { line.append(right[row]) }
            return line.truncated(to: width)
        }
        return lines.count + legend.count <= height ? lines + legend : lines
    }
}
