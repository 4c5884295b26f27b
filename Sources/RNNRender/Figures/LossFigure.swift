import RNNTrace

/// `loss`: training loss per iteration (log y when it spans more than 2 decades), snapshot
/// iterations as points, the loss on held-out data where it was measured, and a marker where the
/// prediction became right. A trace of a network during training (a frame of `rnnlab animate`)
/// draws the curves up to its iteration on the whole run's axes, so that frames of one run line up.
enum LossFigure {
    static func make(_ trace: LessonTrace, room: Size = PageSize.natural.room) -> PlotFigure {
        let theme = Theme.light
        let loss = trace.training.loss
        let last = min(trace.shownIteration ?? loss.count - 1, loss.count - 1)
        let drawn = Array(loss.prefix(last + 1))
        let validation = trace.training.validation
        var series = [LinePlot.Series(
            name: validation == nil ? "loss" : "training loss", points: drawn.enumerated().map { (Double($0.offset), $0.element) },
            color: theme.accent(0), showPoints: loss.count <= 30)]
        if let validation, !validation.loss.isEmpty {
            let held = zip(validation.iterations, validation.loss).filter { $0.0 <= last }
            series.append(LinePlot.Series(
                name: "validation loss (held out)", points: held.map { (Double($0), $1) },
                color: theme.accent(3), showPoints: true, width: 2))
        }
        let snapshots = trace.snapshots.filter { $0.iteration <= last }
        if !snapshots.isEmpty {
            series.append(LinePlot.Series(
                name: "snapshot", points: snapshots.map { (Double($0.iteration), loss[$0.iteration]) },
                color: theme.accent(1), showPoints: true, width: 0))
        }
        var markers: [LinePlot.Marker] = []
        if let first = trace.training.firstCorrectIteration, first <= last {
            markers.append(.init(x: Double(first), label: "prediction right from iteration \(first)", color: theme.right))
        }
        let every = loss + (validation?.loss ?? [])
        var plot = LinePlot(series: series, xLabel: "iteration", yLabel: "loss", logY: LinePlot.wantsLog(every),
                            markers: markers, xRange: loss.count > 1 ? 0...Double(loss.count - 1) : nil, integerX: true)
        if trace.shownIteration != nil, let low = every.min(), let high = every.max() { plot.yRange = low...high }
        return PlotFigure(header: trace.header(headline(loss, upTo: last), key: key(trace, loss)), plot: plot, room: room)
    }

    /// "Training loss: 1.6094 → 0.0046 in 50 iterations".
    static func headline(_ loss: [Double], upTo last: Int) -> String {
        guard let first = loss.first, loss.indices.contains(last) else { return "Training loss: none recorded" }
        let steps = last == 1 ? "1 iteration" : "\(last) iterations"
        return "Training loss: \(Ticks.format(first, decimals: 4)) → \(Ticks.format(loss[last], decimals: 4)) in \(steps)"
    }

    /// "iteration k = the network after k updates · final loss 0.0046 · validation 1.5512".
    private static func key(_ trace: LessonTrace, _ loss: [Double]) -> String {
        var parts = ["iteration k = the network after k updates"]
        if let final = loss.last { parts.append("final loss \(Ticks.format(final, decimals: 4))") }
        if let held = trace.training.validation?.loss.last { parts.append("validation \(Ticks.format(held, decimals: 4))") }
        return parts.joined(separator: " · ")
    }
}
