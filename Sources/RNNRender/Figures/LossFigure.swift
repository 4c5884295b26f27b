import RNNCore

/// `loss`: training loss per iteration (log y when it spans more than 2 decades), snapshot
/// iterations as points, the loss on held-out data where it was measured, and a marker where the
/// prediction became right.
enum LossFigure {
    static func make(_ trace: LessonTrace) -> PlotFigure {
        let theme = Theme.light
        let loss = trace.training.loss
        let validation = trace.training.validation
        var series = [LinePlot.Series(
            name: validation == nil ? "loss" : "training loss", points: loss.enumerated().map { (Double($0.offset), $0.element) },
            color: theme.accent(0), showPoints: loss.count <= 30)]
        if let validation, !validation.loss.isEmpty {
            series.append(LinePlot.Series(
                name: "validation loss (held out)", points: zip(validation.iterations, validation.loss).map { (Double($0), $1) },
                color: theme.accent(3), showPoints: true, width: 2))
        }
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
        var last = loss.last.map { "final loss \(Ticks.format($0, decimals: 4))" } ?? "no loss recorded"
        if let held = validation?.loss.last { last += " · validation \(Ticks.format(held, decimals: 4))" }
        let every = loss + (validation?.loss ?? [])
        return PlotFigure(
            header: trace.header("\(validation == nil ? "Training loss" : "Training and validation loss") per iteration · \(last)"),
            plot: LinePlot(series: series, xLabel: "iteration", yLabel: "loss", logY: LinePlot.wantsLog(every),
                           markers: markers, xRange: loss.count > 1 ? 0...Double(loss.count - 1) : nil,
                           integerX: true))
    }
}
