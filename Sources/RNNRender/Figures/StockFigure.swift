import RNNCore

/// `stock`: true and predicted values over the test days, the naive forecast dashed, RMSE in the subtitle.
enum StockFigure {
    static func make(_ trace: LessonTrace, forecast f: ForecastTrace, room: Size = PageSize.natural.room) -> PlotFigure {
        let theme = Theme.light
        let days = f.dayIndex.map(Double.init)
        func points(_ values: [Double]) -> [(x: Double, y: Double)] { zip(days, values).map { ($0, $1) } }
        let series = [
            LinePlot.Series(name: "true \(f.targetName)", points: points(f.actual), color: theme.text, width: 2),
            LinePlot.Series(name: "model", points: points(f.predicted), color: theme.accent(0), width: 2),
            LinePlot.Series(name: "naive (tomorrow = today)", points: points(f.naive), color: theme.accent(1),
                            dashed: true, width: 1.5),
        ]
        let markers = [LinePlot.Marker(x: Double(f.testStartDay), label: "test period starts", color: theme.secondaryText)]
        let unit = f.unit
        func money(_ v: Double) -> String { unit == "$" ? "$\(Ticks.format(v, decimals: 2))" : "\(Ticks.format(v, decimals: 2)) \(unit)" }
        let rmse = "RMSE model \(money(f.rmse)) (scaled \(Ticks.format(f.rmseScaled, decimals: 4)))"
            + " · naive \(money(f.naiveRmse)) (scaled \(Ticks.format(f.naiveRmseScaled, decimals: 4)))"
        let header = trace.header(
            "\(f.targetName) on the \(f.dayIndex.count) test days: RMSE \(money(f.rmse)), naive \(money(f.naiveRmse))", key: rmse)
        return PlotFigure(
            header: header,
            plot: LinePlot(series: series, xLabel: "day index (of \(f.totalDays) days)",
                           yLabel: "\(f.targetName) (\(unit))", markers: markers), room: room)
    }
}
