import Foundation

/// A regression lesson's forecast over its test rows ("days" for the stock lesson).
public struct ForecastTrace: Codable, Sendable, Equatable {
    /// The most test rows a trace keeps for the figure: the last ones (the errors are measured on all).
    public static let keptRows = 1_000

    /// What is forecast ("Close").
    public var targetName: String
    /// The unit of the unscaled values ("$", "°C"; empty for none).
    public var unit: String
    /// What one row of the series is ("day", "hour", "row"); `nil` in traces from before it was
    /// recorded, which were all of days.
    public var period: String?
    /// The index of each test row shown in the whole series (time order).
    public var dayIndex: [Int]
    /// The true values, unscaled.
    public var actual: [Double]
    /// The model's forecast, unscaled.
    public var predicted: [Double]
    /// The naive forecast "the next row = this row", unscaled.
    public var naive: [Double]
    /// The first row of the test period in the whole series (the train/test boundary).
    public var testStartDay: Int
    /// The number of rows in the whole series.
    public var totalDays: Int
    /// Root mean squared error of the model, on scaled values.
    public var rmseScaled: Double
    /// Root mean squared error of the naive forecast, on scaled values.
    public var naiveRmseScaled: Double
    /// Root mean squared error of the model, in `unit`.
    public var rmse: Double
    /// Root mean squared error of the naive forecast, in `unit`.
    public var naiveRmse: Double

    /// Creates a forecast.
    public init(
        targetName: String, unit: String, period: String? = nil, dayIndex: [Int], actual: [Double], predicted: [Double],
        naive: [Double], testStartDay: Int, totalDays: Int, rmseScaled: Double, naiveRmseScaled: Double,
        rmse: Double, naiveRmse: Double
    ) {
        self.targetName = targetName
        self.unit = unit
        self.period = period
        self.dayIndex = dayIndex
        self.actual = actual
        self.predicted = predicted
        self.naive = naive
        self.testStartDay = testStartDay
        self.totalDays = totalDays
        self.rmseScaled = rmseScaled
        self.naiveRmseScaled = naiveRmseScaled
        self.rmse = rmse
        self.naiveRmse = naiveRmse
    }

    /// What one row is: `period`, or "day" for older traces.
    public var periodName: String { period ?? "day" }

    /// `value` with two decimals in the unit: "$7.95" (a currency sign goes first), "7.95 °C", "7.95".
    public func format(_ value: Double) -> String {
        Self.format(value, unit: unit)
    }

    /// The naive forecast in words: "tomorrow = today" for days, else "next hour = this hour".
    public var naiveLabel: String { Self.naiveLabel(period: periodName) }

    /// "test days: RMSE $7.95 · naive “tomorrow = today” $7.97", in the lesson's unit and period.
    public var errorSummary: String {
        "test \(periodName)s: RMSE \(format(rmse)) · naive “\(naiveLabel)” \(format(naiveRmse))"
    }

    /// "The model reads day by day; it predicts Close after the last day (t = 6)."
    public func readingSentence(lastStep: Int) -> String {
        "The model reads \(periodName) by \(periodName); it predicts \(targetName) after the last \(periodName) (t = \(lastStep))."
    }

    /// `value` with two decimals in `unit` (see `format(_:)`).
    public static func format(_ value: Double, unit: String) -> String {
        let number = String(format: "%.2f", value)
        if unit.isEmpty { return number }
        return ["$", "£", "€", "¥"].contains(unit) ? unit + number : "\(number) \(unit)"
    }

    /// The naive forecast of a series of `period`s in words.
    public static func naiveLabel(period: String) -> String {
        period == "day" ? "tomorrow = today" : "next \(period) = this \(period)"
    }
}
