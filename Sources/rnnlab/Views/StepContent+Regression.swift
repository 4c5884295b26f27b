import RNNRender


extension StepContent {
    /// The window of input features: a row per feature, a column per day, filled up to the current day.
    func windowTable(width: Int) -> [StyledLine] {
        guard case .input(let t) = position else { return [] }
        let steps = trace.steps
        let featureCount = steps.map(\.x.count).max() ?? 0
        let names = trace.model.featureNames.count == featureCount ? trace.model.featureNames
            : (0..<featureCount).map { "x\($0)" }
        let rows = names.indices.map { f in
            TokenStrip.Row(label: names[f], cells: steps.indices.map { index -> TokenStrip.Cell in
                guard index <= t, f < steps[index].x.count else { return TokenStrip.Cell(text: "·", style: .dim) }
                let value = steps[index].x[f]
                return TokenStrip.Cell(text: TraceDisplay.short(value), style: .cell(ValueScale.unit.color(value)))
            }, highlightsCurrent: false)
        }
        let days = TokenStrip.Row(label: "input", cells: steps.map { TokenStrip.Cell(text: TraceDisplay.token($0.inputToken), style: .dim) })
        let labelWidth = min((names.map(DisplayWidth.of).max() ?? 5) + 2, 14)
        return TokenStrip(rows: [days] + rows, current: t, labelWidth: max(labelWidth, 7)).lines(width: width)
    }

    /// At the last row the predicted value against the actual one; before it, when it comes.
    func regressionOutcome(_ t: Int, width: Int) -> [StyledLine] {
        let step = trace.steps[t]
        let name = trace.forecast?.targetName ?? "value"
        guard let prediction = step.prediction else {
            let last = trace.steps.lastIndex { $0.prediction != nil } ?? trace.steps.count - 1
            let sentence = trace.forecast?.readingSentence(lastStep: last) ?? "The model predicts \(name) after the last step (t = \(last))."
            return [StyledLine(sentence, .dim).truncated(to: width)]
        }
        var line = StyledLine("predicted \(name) ", .bold)
        if reveal.hidesPrediction {
            line.append(" ? ", .current)
            line.append("   What will the network predict? Press r to reveal.", .accent)
        } else {
            line.append(prediction, .good)
            if let target = step.target { line.append("   actual \(target)") }
            line.append("   (scaled 0…1)", .dim)
        }
        var lines = [line.truncated(to: width)]
        if let forecast = trace.forecast, !reveal.hidesPrediction {
            lines.append(StyledLine(forecast.errorSummary, .dim).truncated(to: width))
        }
        return lines
    }
}
