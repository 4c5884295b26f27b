import RNNTrace

/// `evidence`: a classifier reading the shown sentence — after each word, the probability of each
/// label had the sentence ended there; the words along the x axis, a line per label, a marker
/// where the likeliest label changes ("the lecture was not … good").
enum EvidenceFigure {
    static func make(_ trace: LessonTrace, _ classification: ClassificationTrace, room: Size = PageSize.natural.room) -> PlotFigure {
        let theme = Theme.light
        let words = trace.steps.map { displayToken($0.inputToken) }
        let series = classification.labels.enumerated().map { label, name in
            LinePlot.Series(
                name: name, points: classification.evidence.enumerated().map { (Double($0.offset), Double($0.element[label])) },
                color: theme.accent(label), showPoints: true)
        }
        let markers = classification.flips.map { t in
            LinePlot.Marker(
                x: Double(t), label: "\(likeliest(classification, at: t)) after “\(words[t])”", color: theme.secondaryText)
        }
        var references: [LinePlot.Reference] = []
        if classification.labels.count == 2 { references.append(.init(y: 0.5, label: "even odds", color: theme.secondaryText)) }
        let answer = trace.steps.last?.prediction.map { "answer: \($0)" } ?? ""
        var plot = LinePlot(
            series: series, xLabel: "the sentence, word by word (t = 0…\(max(words.count - 1, 0)))",
            yLabel: "probability if it ended here", markers: markers, references: references,
            xRange: words.count > 1 ? 0...Double(words.count - 1) : -0.5...0.5, yRange: 0...1)
        plot.xTickLabels = words
        return PlotFigure(
            header: trace.header("What the network would answer after each word", key: "\(readoutWords(classification)) · \(answer)"),
            plot: plot, plotSize: Size(width: max(620, min(1400, Double(words.count) * 90)), height: 400), room: room)
    }

    private static func likeliest(_ classification: ClassificationTrace, at t: Int) -> String {
        let row = classification.evidence[t]
        return classification.labels[row.indices.max { row[$0] < row[$1] } ?? 0]
    }

    private static func readoutWords(_ classification: ClassificationTrace) -> String {
        classification.readout == "mean" ? "the output layer reads the mean of h_0…h_t" : "the output layer reads h_t"
    }
}
