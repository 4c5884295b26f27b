import Foundation
import RNNCore

/// A regression model on its lesson's data: the shown test window day by day, and the forecast
/// of every test day against the naive "tomorrow = today". Shared by the runner and by `step`.
enum RegressionSteps {
    /// `show.window`, or the last test window; an error when it is not a test window.
    static func shownWindow(_ file: LessonFile, _ data: SeriesDataset) throws -> Int {
        let testCount = data.test.targets.count
        let window = file.lesson.show.window ?? testCount - 1
        guard (0..<testCount).contains(window) else {
            throw file.error(at: ["show", "window"], "\(window) is not a test window; expected 0 to \(testCount - 1)")
        }
        return window
    }

    /// The days of test window `window`: each day's features and layers, and on the last day the
    /// forecast and the true close (in the target's unit).
    static func steps(model: SequenceModel, data: SeriesDataset, window: Int, reduction: SquaredError.Reduction) -> [StepTrace] {
        let shown = SequenceBatch(windows: [data.test.windows[window]], targets: [data.test.targets[window]])
        let pass = ShownPass(model: model, input: shown.input, steps: shown.steps, targets: shown.targets(reduction: reduction))
        let firstDay = data.testDay(window) - data.window
        return steps(pass, data: data, labels: (0..<shown.steps).map { "day \(firstDay + $0)" },
                     target: format(data.unscaleTest(data.test.targets[window])))
    }

    /// The days of a window of the user's, `[day][feature]` in the columns' units (scaled as the
    /// test days are): each day's features and layers, and on the last day the forecast. With no
    /// actual value to compare with, ‖∂L/∂h_t‖ is taken against the forecast itself (zero).
    ///
    /// - Throws: `LessonError` for no days, or a day without one value per column.
    static func steps(model: SequenceModel, data: SeriesDataset, days: [[Double]], reduction: SquaredError.Reduction) throws -> [StepTrace] {
        let columns = data.featureNames.joined(separator: ", ")
        guard !days.isEmpty else { throw LessonError("the input window has no days; expected [days][\(columns)]") }
        if let bad = days.firstIndex(where: { $0.count != data.featureNames.count }) {
            throw LessonError(
                "day \(bad) of the input window has \(days[bad].count) values; expected \(data.featureNames.count) (\(columns))")
        }
        let scaled = data.testScaler.scale(days).map { $0.map(Float.init) }
        let probe = SequenceBatch(windows: [scaled], targets: [0])
        let forecast = model.forward(probe.input.pointer, steps: probe.steps, batch: 1)[0]
        let shown = SequenceBatch(windows: [scaled], targets: [forecast])
        let pass = ShownPass(model: model, input: shown.input, steps: shown.steps, targets: shown.targets(reduction: reduction))
        return steps(pass, data: data, labels: days.indices.map { "day \($0)" }, target: nil)
    }

    /// Each day of `pass` labelled, the last with the forecast in the target's unit (and `target`).
    private static func steps(_ pass: ShownPass, data: SeriesDataset, labels: [String], target: String?) -> [StepTrace] {
        labels.indices.map { t in
            let last = t == labels.count - 1
            return StepTrace(
                t: t, inputToken: labels[t], x: pass.inputs[t], layers: pass.layers[t],
                logits: last ? pass.outputs : nil, prediction: last ? format(data.unscaleTest(pass.outputs[0])) : nil,
                target: last ? target : nil)
        }
    }

    /// The model's forecast of every test day, scaled and in the target's unit, against the naive one.
    static func forecast(model: SequenceModel, data: SeriesDataset) -> ForecastTrace {
        let testing = SequenceBatch(windows: data.test.windows, targets: data.test.targets)
        let output = model.forward(testing.input.pointer, steps: testing.steps, batch: testing.batch)
        let predicted = Array(UnsafeBufferPointer(start: output, count: data.test.targets.count))
        let actualScaled = data.test.targets, naiveScaled = data.naiveTest
        func rmse(_ a: [Double], _ b: [Double]) -> Double {
            (zip(a, b).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(a.count)).squareRoot()
        }
        let unscaled = { (values: [Float]) in values.map(data.unscaleTest) }
        let actual = (0..<actualScaled.count).map { data.rows[data.testDay($0)][data.targetColumn] }
        let naive = (0..<actualScaled.count).map { data.rows[data.testDay($0) - 1][data.targetColumn] }
        let double = { (values: [Float]) in values.map(Double.init) }
        return ForecastTrace(
            targetName: data.featureNames[data.targetColumn], unit: "$",
            dayIndex: (0..<actualScaled.count).map(data.testDay), actual: actual, predicted: unscaled(predicted),
            naive: naive, testStartDay: data.trainSize, totalDays: data.rows.count,
            rmseScaled: rmse(double(predicted), double(actualScaled)), naiveRmseScaled: rmse(double(naiveScaled), double(actualScaled)),
            rmse: rmse(unscaled(predicted), actual), naiveRmse: rmse(naive, actual))
    }

    /// How the lesson's squared errors are reduced.
    static func reduction(_ lesson: Lesson) -> SquaredError.Reduction { lesson.loss == .sumSquared ? .sum : .mean }

    /// A value with two decimals.
    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
