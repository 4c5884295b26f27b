import RNNCore

/// `loss`: training loss per iteration (log y when it spans more than 2 decades), snapshot
/// iterations as points, and a marker where the prediction became right. A trace of a network
/// during training (a frame of `rnnlab animate`) draws the curve up to its iteration on the whole
/// run's axes, so that frames of one run line up.
enum LossFigure {
    static func make(_ trace: LessonTrace, room: Size = PageSize.natural.room) -> PlotFigure {
        let theme = Theme.light
        let loss = trace.training.loss
        let last = min(trace.shownIteration ?? loss.count - 1, loss.count - 1)
        let drawn = Array(loss.prefix(last + 1))
        var series = [LinePlot.Series(
            name: "loss", points: drawn.enumerated().map { (Double($0.offset), $0.element) }, color: theme.accent(0),
            showPoints: loss.count <= 30)]
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
        var plot = LinePlot(series: series, xLabel: "iteration", yLabel: "loss", logY: LinePlot.wantsLog(loss),
                            markers: markers, xRange: loss.count > 1 ? 0...Double(loss.count - 1) : nil, integerX: true)
        if trace.shownIteration != nil, let low = loss.min(), let high = loss.max() { plot.yRange = low...high }
        return PlotFigure(header: trace.header(headline(loss, upTo: last), key: key(trace, loss)), plot: plot, room: room)
    }

    /// "Training loss: 1.6094 → 0.0046 in 50 iterations".
    static func headline(_ loss: [Double], upTo last: Int) -> String {
        guard let first = loss.first, loss.indices.contains(last) else { return "Training loss: none recorded" }
        let steps = last == 1 ? "1 iteration" : "\(last) iterations"
        return "Training loss: \(Ticks.format(first, decimals: 4)) → \(Ticks.format(loss[last], decimals: 4)) in \(steps)"
    }

    /// "iteration k = the network after k updates · final loss 0.0046".
    private static func key(_ trace: LessonTrace, _ loss: [Double]) -> String {
        var parts = ["iteration k = the network after k updates"]
        if let final = loss.last { parts.append("final loss \(Ticks.format(final, decimals: 4))") }
        return parts.joined(separator: " · ")
    }
}
