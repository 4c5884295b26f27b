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
        return (0..<shown.steps).map { t in
            let last = t == shown.steps - 1
            return StepTrace(
                t: t, inputToken: "day \(firstDay + t)", x: pass.inputs[t], layers: pass.layers[t],
                logits: last ? pass.outputs : nil, prediction: last ? format(data.unscaleTest(pass.outputs[0])) : nil,
                target: last ? format(data.unscaleTest(data.test.targets[window])) : nil)
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
