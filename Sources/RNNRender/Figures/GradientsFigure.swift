import RNNCore

/// `gradients`: ‖∂L/∂h_t‖ against the distance back in time from the last step, one series per
/// layer (of the encoder, for a seq2seq lesson, whose steps read the question).
enum GradientsFigure {
    static func make(_ trace: LessonTrace) -> PlotFigure {
        let theme = Theme.light
        let last = trace.steps.count - 1
        let showsEncoder = trace.decoder != nil
        let series = (0..<trace.layerCount).map { layer in
            LinePlot.Series(
                name: "\(showsEncoder ? "encoder " : "")layer \(layer)",
                points: trace.steps.compactMap { step in
                    step.layers.indices.contains(layer)
                        ? (Double(last - step.t), Double(step.layers[layer].gradientNorm)) : nil
                }.sorted { $0.0 < $1.0 },
                color: theme.accent(layer), showPoints: trace.steps.count <= 40)
        }
        let values = series.flatMap { $0.points.map(\.y) }
        let positive = !values.isEmpty && values.allSatisfy { $0 > 0 }
        return PlotFigure(
            header: trace.header(
                showsEncoder
                    ? "How far back into the question the loss reaches: the encoder's gradient norm per step, back from the last word"
                    : "How far back the loss reaches: gradient norm per step, back from the last step"),
            plot: LinePlot(series: series, xLabel: "steps back in time from the last step (T−1−t)",
                           yLabel: "‖∂L/∂h_t‖", logY: positive,
                           xRange: last > 0 ? 0...Double(last) : nil, integerX: true))
    }
}
