import RNNTrace

/// Two lines under a comparison's figure in a handout: what was compared, from the runs, and
/// how to read the figure.
enum ComparisonCaption {
    static func lines(_ figure: ComparisonFigure, _ trace: ComparisonTrace) -> (String, String) {
        let layout = ComparisonLayout(trace)
        var first = "\(trace.runs.count) runs: \(layout.byline)"
        if let metric = trace.metric {
            let values = trace.runs.compactMap { $0.result[metric.name] }
            if let best = metric.lowerIsBetter ? values.min() : values.max() {
                first += "; best \(metric.label) \(metric.lowerIsBetter ? Ticks.format(best, decimals: 4) : LessonStory.percent(best))"
            }
        }
        let how = switch figure {
        case .loss: "Each variant's training loss; the band spans its seeds."
        case .sweep: "The lesson's metric against the varied number, a line per cell; hollow points are not solved."
        case .gradientFlow: "How far back the last step's error reaches, per variant, log scale."
        case .length: "Exact match against the input's length; the shaded lengths were trained on."
        case .attention: "Where the decoder looks on held-out strings of growing length."
        }
        return (first + ".", how)
    }
}
