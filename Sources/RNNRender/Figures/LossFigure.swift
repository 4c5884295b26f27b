import RNNCore

/// `loss`: training loss per iteration (log y when it spans more than 2 decades), snapshot iterations
/// as points, and a marker where the prediction became right.
enum LossFigure {
    static func make(_ trace: LessonTrace) -> PlotFigure {
        let theme = Theme.light
        let loss = trace.training.loss
        var series = [LinePlot.Series(
            name: "loss", points: loss.enumerated().map { (Double($0.offset), $0.element) }, color: theme.accent(0),
            showPoints: loss.count <= 30)]
        let snapshots = trace.snapshots.filter { $0.iteration < loss.count }
        if !snapshots.isEmpty {
            series.append(LinePlot.Series(
                name: "snapshot", points: snapshots.map { (Double($0.iteration), loss[$0.iteration]) },
                color: theme.accent(1), showPoints: true, width: 0))
        }
        var markers: [LinePlot.Marker] = []
        if let first = trace.training.firstCorrectIteration {
            markers.append(.init(x: Double(first), label: "prediction right from iteration \(first)", color: theme.right))
        }
        let last = loss.last.map { "final loss \(Ticks.format($0, decimals: 4))" } ?? "no loss recorded"
        return PlotFigure(
            header: trace.header("Training loss per iteration · \(last)"),
            plot: LinePlot(series: series, xLabel: "iteration", yLabel: "loss", logY: LinePlot.wantsLog(loss),
                           markers: markers, xRange: loss.count > 1 ? 0...Double(loss.count - 1) : nil,
                           integerX: true))
    }
}
