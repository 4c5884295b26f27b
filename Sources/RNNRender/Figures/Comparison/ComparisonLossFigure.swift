import RNNTrace

/// `loss.png` of a comparison: every variant's training loss on one plot per panel, the mean
/// over seeds as a line and their range as a band, smoothed over a few iterations.
enum ComparisonLossFigure {
    static func make(_ trace: ComparisonTrace, room: Size = PageSize.natural.room) -> PanelFigure {
        let layout = ComparisonLayout(trace)
        let iterations = trace.runs.map(\.loss.count).max() ?? 0
        let window = max(1, iterations / 50)
        let panels = layout.panels.map { panel in
            var all: [Double] = []
            let series = layout.series.compactMap { spec -> LinePlot.Series? in
                let runs = layout.runs(spec, panel: panel.value)
                guard !runs.isEmpty else { return nil }
                let curves = runs.map { smoothed($0.loss, window: window) }
                let length = curves.map(\.count).min() ?? 0
                let stride = max(1, length / 400)
                var points: [(x: Double, y: Double)] = []
                var range: [(x: Double, low: Double, high: Double)] = []
                for i in Swift.stride(from: 0, to: length, by: stride) {
                    let values = curves.map { $0[i] }
                    points.append((Double(i), values.reduce(0, +) / Double(values.count)))
                    if values.count > 1 { range.append((Double(i), values.min()!, values.max()!)) }
                    all += values
                }
                return LinePlot.Series(
                    name: spec.name, points: points, color: spec.color, dashed: spec.dashed, range: range)
            }
            return PanelFigure.Panel(
                title: panel.title, caption: nil,
                plot: LinePlot(
                    series: series, xLabel: "iteration", yLabel: "training loss", logY: LinePlot.wantsLog(all, decades: 1.5),
                    xRange: iterations > 1 ? 0...Double(iterations - 1) : nil, integerX: true))
        }
        let smoothing = window > 1 ? "averaged over the last \(window) iterations" : "at every iteration"
        let seeds = Set(trace.runs.map(\.seed)).count
        let spread = seeds > 1 ? "; the band spans the \(seeds) seeds, the line is their mean" : ""
        return PanelFigure(
            header: Header(title: "Training loss of every variant", subtitles: ["Loss \(smoothing)\(spread)", layout.byline]),
            panels: panels, columns: layout.columns, room: room)
    }

    /// The mean of each run of `window` values (the last run may be shorter).
    static func smoothed(_ values: [Double], window: Int) -> [Double] {
        guard window > 1 else { return values }
        return Swift.stride(from: 0, to: values.count, by: 1).map { i in
            let start = max(0, i - window + 1)
            let slice = values[start...i].filter(\.isFinite)
            return slice.isEmpty ? .nan : slice.reduce(0, +) / Double(slice.count)
        }
    }
}
