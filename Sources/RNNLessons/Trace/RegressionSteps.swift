import Foundation
import RNNCore
import RNNTrace

/// A regression model on its lesson's data: the shown test window row by row, the loss on a
/// part of the series, and the forecast of every test row against the naive one. Shared by the
/// runner and by `step`.
enum RegressionSteps {
    /// `show.window`, or the last test window; an error when it is not a test window.
    static func shownWindow(_ file: LessonFile, _ data: SeriesDataset) throws -> Int {
        let testCount = data.test.count
        let window = file.lesson.show.window ?? testCount - 1
        guard (0..<testCount).contains(window) else {
            throw file.error(at: ["show", "window"], "\(window) is not a test window; expected 0 to \(testCount - 1)")
        }
        return window
    }

    /// The rows of test window `window`: each row's features and layers, and on the last row the
    /// forecast and the true value (in the target's unit).
    static func steps(
        model: SequenceModel, data: SeriesDataset, window: Int, reduction: SquaredError.Reduction, period: String
    ) -> [StepTrace] {
        let shown = data.test.batch([window])
        let pass = ShownPass(model: model, input: shown.input, steps: shown.steps, targets: shown.targets(reduction: reduction))
        let firstDay = data.testDay(window) - data.window
        return steps(pass, data: data, labels: (0..<shown.steps).map { "\(period) \(firstDay + $0)" },
                     target: format(data.unscaleTest(data.test.targets[window])))
    }

    /// The rows of a window of the user's, `[row][feature]` in the columns' units (scaled as the
    /// test rows are): each row's features and layers, and on the last row the forecast. With no
    /// actual value to compare with, ‖∂L/∂h_t‖ is taken against the forecast itself (zero).
    ///
    /// - Throws: `LessonError` for no rows, or a row without one value per input column.
    static func steps(
        model: SequenceModel, data: SeriesDataset, days: [[Double]], reduction: SquaredError.Reduction, period: String
    ) throws -> [StepTrace] {
        let columns = data.featureNames.joined(separator: ", ")
        guard !days.isEmpty else { throw LessonError("the input window has no \(period)s; expected [\(period)s][\(columns)]") }
        if let bad = days.firstIndex(where: { $0.count != data.featureCount }) {
            throw LessonError(
                "\(period) \(bad) of the input window has \(days[bad].count) values; expected \(data.featureCount) (\(columns))")
        }
        let scaled = data.scaledTestInput(days)
        let probe = SequenceBatch(windows: [scaled], targets: [0])
        let forecast = model.forward(probe.input.pointer, steps: probe.steps, batch: 1)[0]
        let shown = SequenceBatch(windows: [scaled], targets: [forecast])
        let pass = ShownPass(model: model, input: shown.input, steps: shown.steps, targets: shown.targets(reduction: reduction))
        return steps(pass, data: data, labels: days.indices.map { "\(period) \($0)" }, target: nil)
    }

    /// Each row of `pass` labelled, the last with the forecast in the target's unit (and `target`).
    private static func steps(_ pass: ShownPass, data: SeriesDataset, labels: [String], target: String?) -> [StepTrace] {
        labels.indices.map { t in
            let last = t == labels.count - 1
            return StepTrace(
                t: t, inputToken: labels[t], x: pass.inputs[t], layers: pass.layers[t],
                logits: last ? pass.outputs : nil, prediction: last ? format(data.unscaleTest(pass.outputs[0])) : nil,
                target: last ? target : nil)
        }
    }

    /// The model's scaled forecast of `examples` of `windows`, run a batch of `batchSize` at a time.
    static func forecasts(model: SequenceModel, windows: SeriesWindows, examples: [Int], batchSize: Int) -> [Float] {
        EvaluationSample.batches(examples, size: batchSize).flatMap { part in
            let batch = windows.batch(part)
            let output = model.forward(batch.input.pointer, steps: batch.steps, batch: batch.batch)
            return Array(UnsafeBufferPointer(start: output, count: part.count))
        }
    }

    /// The loss of `model` on `examples` of `windows` with the lesson's `reduction`: one batch's
    /// loss, as training computes it, when they fit in one batch of `batchSize`; otherwise, run a
    /// batch at a time, the mean squared error — times `batchSize` for a summed loss, so that it
    /// compares with the loss of a training batch.
    static func loss(
        model: SequenceModel, windows: SeriesWindows, examples: [Int], batchSize: Int, reduction: SquaredError.Reduction
    ) -> Double {
        if examples.count == batchSize {
            let batch = windows.batch(examples)
            let output = model.forward(batch.input.pointer, steps: batch.steps, batch: batch.batch)
            return Double(SquaredError.loss(predictions: output, targets: batch.values.pointer, count: batch.batch, reduction: reduction))
        }
        let predicted = forecasts(model: model, windows: windows, examples: examples, batchSize: batchSize)
        let squares = zip(predicted, examples).reduce(0.0) { total, pair in
            let error = Double(pair.0) - Double(windows.targets[pair.1])
            return total + error * error
        }
        let mean = squares / Double(max(examples.count, 1))
        return reduction == .sum ? mean * Double(batchSize) : mean
    }

    /// The model's forecast of every test row, scaled and in the target's unit, against the naive
    /// one; the trace keeps the last `ForecastTrace.keptRows` of them.
    static func forecast(model: SequenceModel, data: SeriesDataset, lesson: Lesson) -> ForecastTrace {
        let count = data.test.count
        let predicted = forecasts(
            model: model, windows: data.test, examples: Array(0..<count), batchSize: lesson.train.batch ?? max(count, 1))
        let actualScaled = data.test.targets, naiveScaled = data.naiveTest
        func rmse(_ a: [Double], _ b: [Double]) -> Double {
            (zip(a, b).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(a.count)).squareRoot()
        }
        let unscaled = { (values: [Float]) in values.map(data.unscaleTest) }
        let actual = (0..<count).map { data.rows[data.testDay($0)][data.targetColumn] }
        let naive = (0..<count).map { data.rows[data.testDay($0) - 1][data.targetColumn] }
        let double = { (values: [Float]) in values.map(Double.init) }
        let kept = max(count - ForecastTrace.keptRows, 0)..<count
        return ForecastTrace(
            targetName: data.targetName, unit: lesson.data.unit ?? "", period: period(lesson),
            dayIndex: kept.map(data.testDay), actual: Array(actual[kept]), predicted: Array(unscaled(predicted)[kept]),
            naive: Array(naive[kept]), testStartDay: data.trainSize, totalDays: data.rows.count,
            rmseScaled: rmse(double(predicted), double(actualScaled)), naiveRmseScaled: rmse(double(naiveScaled), double(actualScaled)),
            rmse: rmse(unscaled(predicted), actual), naiveRmse: rmse(naive, actual))
    }

    /// What one row of the lesson's series is: `data.period`, or "row".
    static func period(_ lesson: Lesson) -> String { lesson.data.period ?? "row" }

    /// How the lesson's squared errors are reduced.
    static func reduction(_ lesson: Lesson) -> SquaredError.Reduction { lesson.loss == .sumSquared ? .sum : .mean }

    /// A value with two decimals.
    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
