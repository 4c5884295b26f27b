import Foundation

/// Windows of days → the next day's target, split and scaled as lab 12-5 does.
///
/// The rows are put in time order (`reverse`), the first `split` of them (`int(n·split)`, as
/// Python truncates) form the training set, and the test set starts `window` rows earlier so
/// its first window reads the last training days. Train and test are min-max scaled each on
/// its own (as the lab does). Every window of `window` days predicts the target column of the
/// day after it.
public struct SeriesDataset: Sendable {
    /// The feature names, in column order.
    public let featureNames: [String]
    /// The target column's index among the features.
    public let targetColumn: Int
    /// The number of days each window reads.
    public let window: Int
    /// Every row in time order, unscaled.
    public let rows: [[Double]]
    /// The number of training rows (`int(n·split)`).
    public let trainSize: Int
    /// The training rows' scaler.
    public let trainScaler: MinMaxScaler
    /// The test rows' scaler (used to turn test forecasts back into the column's unit).
    public let testScaler: MinMaxScaler
    /// Scaled training windows `[example][day][feature]` and their scaled targets.
    public let train: (windows: [[[Float]]], targets: [Float])
    /// Scaled test windows and their scaled targets.
    public let test: (windows: [[[Float]]], targets: [Float])

    /// Builds the dataset from rows in time order.
    public init(rows: [[Double]], featureNames: [String], target: String, window: Int, split: Double, scaling: ScalingKind) {
        self.rows = rows
        self.featureNames = featureNames
        self.window = window
        targetColumn = featureNames.firstIndex(of: target)!
        trainSize = Int(Double(rows.count) * split)
        let trainRows = Array(rows[0..<trainSize])
        let testRows = Array(rows[(trainSize - window)...])
        let scaler = { (part: [[Double]]) in
            scaling == .minmax ? MinMaxScaler(fitting: part) : MinMaxScaler(identityFor: featureNames.count)
        }
        trainScaler = scaler(trainRows)
        testScaler = scaler(testRows)
        train = Self.windows(trainScaler.scale(trainRows), window: window, target: targetColumn)
        test = Self.windows(testScaler.scale(testRows), window: window, target: targetColumn)
    }

    /// The dataset of a regression lesson.
    public static func load(from file: LessonFile) throws -> SeriesDataset {
        let data = file.lesson.data
        let url = file.resolve(data.csv!)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw file.error(at: ["data", "csv"], "no such file \(LessonFile.displayPath(url))")
        }
        let table = try SeriesCSV(contentsOf: url, columns: data.columns!)
        let rows = data.reverse == true ? table.rows.reversed() : table.rows
        let window = data.window!, split = data.split ?? 0.7
        let trainSize = Int(Double(rows.count) * split)
        guard trainSize > window, rows.count - trainSize >= 1 else {
            throw file.error(
                at: ["data", "window"],
                "\(window) days leave no training or test window in \(rows.count) rows split at \(split); expected fewer days or more rows")
        }
        return SeriesDataset(
            rows: rows, featureNames: data.columns!, target: data.target!, window: window, split: split,
            scaling: data.scale ?? .minmax)
    }

    private static func windows(_ rows: [[Double]], window: Int, target: Int) -> (windows: [[[Float]]], targets: [Float]) {
        var windows: [[[Float]]] = []
        var targets: [Float] = []
        for start in 0..<rows.count - window {
            windows.append(rows[start..<start + window].map { $0.map(Float.init) })
            targets.append(Float(rows[start + window][target]))
        }
        return (windows, targets)
    }

    /// The index in `rows` of the day test window `i` predicts.
    public func testDay(_ i: Int) -> Int { trainSize + i }

    /// The naive forecast "tomorrow = today" of each test window, scaled: its last day's target.
    public var naiveTest: [Float] { test.windows.map { $0[window - 1][targetColumn] } }

    /// A scaled test forecast in the target column's unit.
    public func unscaleTest(_ value: Float) -> Double { testScaler.unscale(Double(value), column: targetColumn) }
}
