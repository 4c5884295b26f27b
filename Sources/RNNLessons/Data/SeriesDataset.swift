import Foundation

/// Windows of rows → the next row's target, split and scaled as lab 12-5 does.
///
/// The rows are put in time order (`reverse`); the first `split` of them (`int(n·split)`, as
/// Python truncates) come before the test rows, and the test set starts `window` rows earlier so
/// its first window reads the last rows before it. With `validation`, the last part of the rows
/// before the test rows is held out of training: the network trains on the rest, and its loss on
/// the held-out windows is reported beside the training loss. Training and test rows are min-max
/// scaled each on its own (as the lab does); held-out rows as the training rows. Every window of
/// `window` rows of the input columns predicts the target column of the row after it.
public struct SeriesDataset: Sendable {
    /// The names of the columns read: the inputs, then the target when it is not an input.
    public let columnNames: [String]
    /// How many of the columns are inputs (the first ones).
    public let featureCount: Int
    /// The target column's index among the columns read.
    public let targetColumn: Int
    /// The number of rows each window reads.
    public let window: Int
    /// Every row in time order, unscaled, one value per column read.
    public let rows: [[Double]]
    /// The number of rows before the test rows (`int(n·split)`).
    public let trainSize: Int
    /// The number of rows trained on: `trainSize` less the held-out rows.
    public let fitSize: Int
    /// The training rows' scaler (also the held-out rows').
    public let trainScaler: MinMaxScaler
    /// The test rows' scaler (used to turn test forecasts back into the column's unit).
    public let testScaler: MinMaxScaler
    /// Scaled training windows `[example][row][feature]` and their scaled targets.
    public let train: SeriesWindows
    /// Scaled held-out windows and their scaled targets, with `validation`.
    public let validation: SeriesWindows?
    /// Scaled test windows and their scaled targets.
    public let test: SeriesWindows
    /// The naive forecast of each test window, scaled: the target of its last row.
    public let naiveTest: [Float]

    /// The input columns' names.
    public var featureNames: [String] { Array(columnNames.prefix(featureCount)) }
    /// The target column's name.
    public var targetName: String { columnNames[targetColumn] }

    /// Builds the dataset from rows in time order, `heldOut` rows before the test rows held out.
    public init(
        rows: [[Double]], columnNames: [String], featureCount: Int, targetColumn: Int, window: Int, split: Double,
        heldOut: Int = 0, scaling: ScalingKind
    ) {
        self.rows = rows
        self.columnNames = columnNames
        self.featureCount = featureCount
        self.targetColumn = targetColumn
        self.window = window
        trainSize = Int(Double(rows.count) * split)
        fitSize = trainSize - heldOut
        let trainRows = Array(rows[0..<fitSize])
        let testRows = Array(rows[(trainSize - window)...])
        let scaler = { (part: [[Double]]) in
            scaling == .minmax ? MinMaxScaler(fitting: part) : MinMaxScaler(identityFor: columnNames.count)
        }
        trainScaler = scaler(trainRows)
        testScaler = scaler(testRows)
        train = SeriesWindows(trainScaler.scale(trainRows), window: window, features: featureCount, target: targetColumn)
        validation = heldOut > 0
            ? SeriesWindows(trainScaler.scale(Array(rows[(fitSize - window)..<trainSize])), window: window, features: featureCount, target: targetColumn)
            : nil
        let scaledTest = testScaler.scale(testRows)
        test = SeriesWindows(scaledTest, window: window, features: featureCount, target: targetColumn)
        naiveTest = (0..<test.count).map { Float(scaledTest[$0 + window - 1][targetColumn]) }
    }

    /// The dataset of a regression lesson on a CSV file.
    ///
    /// - Throws: `LessonError` naming the lesson's key (an unknown column, too few rows) or the
    ///   CSV file's line and column (a cell that is not a number, an empty cell).
    public static func load(from file: LessonFile) throws -> SeriesDataset {
        let data = file.lesson.data
        let (text, path) = try file.dataText("csv")
        let names = (data.columns ?? []) + [data.target!]
        let table = CSVTable(parsing: text, delimiter: data.delimiter, header: data.header, names: names)
        guard !table.rows.isEmpty else {
            let wanted = names.enumerated().filter { !names[..<$0.offset].contains($0.element) }.map(\.element)
            throw LessonError("\(path): no rows of numbers; expected lines of \(wanted.joined(separator: ", "))")
        }
        let series: SeriesTable
        do {
            series = try SeriesTable(table, path: path, columns: data.columns, target: data.target!, missing: data.missing ?? .error)
        } catch .unknownColumn(let reference, let message) {
            switch reference {
            case .column(let i): throw file.error(at: ["data", "columns", String(i)], message)
            case .target: throw file.error(at: ["data", "target"], message)
            }
        } catch .badCell(let message) {
            throw LessonError("\(path):\(message)")
        }
        let rows = data.reverse == true ? series.rows.reversed() : series.rows
        let window = data.window!, split = data.split ?? 0.7
        let trainSize = Int(Double(rows.count) * split)
        let heldOut = data.validation.map { Int(Double(trainSize) * $0) } ?? 0
        guard !rows.isEmpty else { throw LessonError("\(path): no rows left once those with empty cells are skipped; expected rows of numbers") }
        guard trainSize - heldOut > window, rows.count - trainSize >= 1 else {
            throw file.error(
                at: ["data", "window"],
                "\(window) rows leave no training or test window in \(rows.count) rows split at \(split); expected fewer rows per window or more rows")
        }
        if data.validation != nil && heldOut < 1 {
            throw file.error(at: ["data", "validation"], "holds out no row of the \(trainSize) before the test rows; expected a larger fraction")
        }
        return SeriesDataset(
            rows: rows, columnNames: series.names, featureCount: series.inputCount, targetColumn: series.targetIndex,
            window: window, split: split, heldOut: heldOut, scaling: data.scale ?? .minmax)
    }

    /// The index in `rows` of the row test window `i` predicts.
    public func testDay(_ i: Int) -> Int { trainSize + i }

    /// A scaled test forecast in the target column's unit.
    public func unscaleTest(_ value: Float) -> Double { testScaler.unscale(Double(value), column: targetColumn) }

    /// A window of rows in the columns' units (`[row][column read]`), scaled as the test rows are:
    /// the network's input, `[row][feature]`.
    public func scaledTestInput(_ days: [[Double]]) -> [[Float]] {
        testScaler.scale(days.map { $0 + Array(repeating: 0, count: columnNames.count - $0.count) })
            .map { $0.prefix(featureCount).map(Float.init) }
    }
}

/// The windows of one part of a series: each `[row][feature]`, scaled, and the scaled target of
/// the row after it.
public struct SeriesWindows: Sendable {
    /// The windows, `[example][row][feature]`.
    public let windows: [[[Float]]]
    /// The target of each window.
    public let targets: [Float]

    /// The windows of `window` rows over `rows` (each row one value per column read).
    init(_ rows: [[Double]], window: Int, features: Int, target: Int) {
        var windows: [[[Float]]] = []
        var targets: [Float] = []
        for start in 0..<max(rows.count - window, 0) {
            windows.append(rows[start..<start + window].map { $0.prefix(features).map(Float.init) })
            targets.append(Float(rows[start + window][target]))
        }
        self.windows = windows
        self.targets = targets
    }

    /// The number of windows.
    public var count: Int { targets.count }

    /// The windows `examples` as one batch.
    func batch(_ examples: [Int]) -> SequenceBatch {
        SequenceBatch(windows: examples.map { windows[$0] }, targets: examples.map { targets[$0] })
    }
}
