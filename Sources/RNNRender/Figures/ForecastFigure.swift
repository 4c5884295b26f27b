import RNNTrace

/// `forecast`: true and predicted values over the test rows, the naive forecast dashed, the
/// errors in the subtitle — in the lesson's own words: the target's name, its unit, its period.
enum ForecastFigure {
    static func make(_ trace: LessonTrace, forecast f: ForecastTrace, room: Size = PageSize.natural.room) -> PlotFigure {
        let theme = Theme.light
        let days = f.dayIndex.map(Double.init)
        func points(_ values: [Double]) -> [(x: Double, y: Double)] { zip(days, values).map { ($0, $1) } }
        let series = [
            LinePlot.Series(name: "true \(f.targetName)", points: points(f.actual), color: theme.text, width: 2),
            LinePlot.Series(name: "model", points: points(f.predicted), color: theme.accent(0), width: 2),
            LinePlot.Series(name: "naive (\(f.naiveLabel))", points: points(f.naive), color: theme.accent(1),
                            dashed: true, width: 1.5),
        ]
        let markers = [LinePlot.Marker(x: Double(f.testStartDay), label: "test period starts", color: theme.secondaryText)]
        let period = f.periodName
        let rmse = "RMSE model \(f.format(f.rmse)) (scaled \(Ticks.format(f.rmseScaled, decimals: 4)))"
            + " · naive \(f.format(f.naiveRmse)) (scaled \(Ticks.format(f.naiveRmseScaled, decimals: 4)))"
        let shown = f.dayIndex.count == f.totalDays - f.testStartDay ? "the \(f.dayIndex.count) test \(period)s" : "the last \(f.dayIndex.count) test \(period)s"
        let header = trace.header("\(f.targetName) on \(shown): RMSE \(f.format(f.rmse)), naive \(f.format(f.naiveRmse))", key: rmse)
        return PlotFigure(
            header: header,
            plot: LinePlot(series: series, xLabel: "\(period) index (of \(f.totalDays) \(period)s)",
                           yLabel: f.unit.isEmpty ? f.targetName : "\(f.targetName) (\(f.unit))", markers: markers), room: room)
    }
}
