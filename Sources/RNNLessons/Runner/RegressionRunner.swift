import Foundation
import RNNCore

/// Trains a regression lesson (lab 12-5: seven days of Open, High, Low, Volume, Close → the
/// next Close), and compares it with the naive forecast "tomorrow = today".
struct RegressionRunner: TaskRunner {
    func train(_ file: LessonFile, control: RunControl) throws -> TrainedLesson {
        let lesson = file.lesson
        let data = try SeriesDataset.load(from: file)
        let features = data.featureNames.count
        let testCount = data.test.targets.count
        let shownWindow = lesson.show.window ?? testCount - 1
        guard shownWindow < testCount else {
            throw file.error(at: ["show", "window"], "\(shownWindow) is not a test window; expected 0 to \(testCount - 1)")
        }
        guard case .size(let hidden) = lesson.model.hidden else { preconditionFailure("checked when the lesson was read") }
        let setup = ModelSetup(lesson: lesson, inputSize: features, outputSize: 1, hiddenSize: hidden, readout: .lastStep)
        let model = setup.model
        let reduction: SquaredError.Reduction = lesson.loss == .sumSquared ? .sum : .mean
        let training = SequenceBatch(windows: data.train.windows, targets: data.train.targets)
        let testing = SequenceBatch(windows: data.test.windows, targets: data.test.targets)
        let shown = SequenceBatch(windows: [data.test.windows[shownWindow]], targets: [data.test.targets[shownWindow]])
        var plan = BatchPlan(count: training.batch, size: lesson.train.batch, generator: setup.generator)

        // Train, watching the forecast of the shown window at snapshot iterations.
        let snapshotIterations = Set(lesson.snapshotIterations)
        var kept: [Int: Float] = [:]
        let (losses, seconds) = try TrainingLoop.run(
            lesson, control: control,
            observe: { iteration in
                guard snapshotIterations.contains(iteration) else { return }
                kept[iteration] = model.forward(shown.input.pointer, steps: shown.steps, batch: 1)[0]
            },
            step: { _ in
                let batch = plan.isFullBatch ? training : Self.gather(plan.next(), from: data)
                return model.trainStep(
                    batch.input.pointer, steps: batch.steps, batch: batch.batch, targets: batch.targets(reduction: reduction),
                    optimizer: setup.optimizer, clip: setup.clip)
            })
        let snapshots = kept.keys.sorted().map { iteration in
            Snapshot(
                iteration: iteration, loss: losses[iteration], predicted: [Self.format(data.unscaleTest(kept[iteration]!))],
                probability: [], correct: [])
        }

        // Evaluate: training loss of the final model, then the test forecast against the naive one.
        let trainOutput = model.forward(training.input.pointer, steps: training.steps, batch: training.batch)
        let finalLoss = SquaredError.loss(
            predictions: trainOutput, targets: training.values.pointer, count: training.batch, reduction: reduction)
        let testOutput = model.forward(testing.input.pointer, steps: testing.steps, batch: testing.batch)
        let predicted = Array(UnsafeBufferPointer(start: testOutput, count: testCount))
        let forecast = Self.forecast(data: data, predicted: predicted)

        // The final model on the shown window, day by day.
        let pass = ShownPass(
            model: model, input: shown.input, steps: shown.steps, targets: shown.targets(reduction: reduction),
            optimizer: setup.optimizer)
        let firstDay = data.testDay(shownWindow) - data.window
        let steps = (0..<shown.steps).map { t in
            let last = t == shown.steps - 1
            return StepTrace(
                t: t, inputToken: "day \(firstDay + t)", x: pass.inputs[t], layers: pass.layers[t],
                logits: last ? pass.outputs : nil, prediction: last ? Self.format(data.unscaleTest(pass.outputs[0])) : nil,
                target: last ? Self.format(data.unscaleTest(data.test.targets[shownWindow])) : nil)
        }

        let result: [String: Double] = [
            "final_loss": Double(finalLoss),
            "rmse_scaled": forecast.rmseScaled,
            "naive_rmse_scaled": forecast.naiveRmseScaled,
            "rmse": forecast.rmse,
            "naive_rmse": forecast.naiveRmse,
            "iterations": Double(lesson.train.iterations),
            "training_examples": Double(training.batch),
            "test_examples": Double(testCount),
        ]
        let summary = String(
            format: "test RMSE %.4f scaled ($%.2f); naive \"tomorrow = today\" %.4f scaled ($%.2f)",
            forecast.rmseScaled, forecast.rmse, forecast.naiveRmseScaled, forecast.naiveRmse)
        let trace = LessonTrace(
            lesson: LessonInfo(name: lesson.name, title: lesson.title, source: lesson.source, task: lesson.task.rawValue),
            model: setup.info(featureNames: data.featureNames), vocabulary: [],
            training: TrainingHistory(loss: losses, optimizer: setup.optimizerCaption),
            snapshots: snapshots, steps: steps, forecast: forecast, result: result, summary: summary)
        let metadata = setup.metadata(
            file: file, vocabulary: [],
            extra: [
                "features": ModelSetup.json(data.featureNames),
                "target": data.featureNames[data.targetColumn],
                "window": String(data.window),
                "scaling": lesson.data.scale?.rawValue ?? ScalingKind.minmax.rawValue,
                "train_scaler": ModelSetup.json(data.trainScaler),
                "test_scaler": ModelSetup.json(data.testScaler),
            ])
        return TrainedLesson(trace: trace, tensors: model.namedTensors, metadata: metadata, trainingSeconds: seconds)
    }

    /// The training windows `examples` as one batch.
    private static func gather(_ examples: [Int], from data: SeriesDataset) -> SequenceBatch {
        SequenceBatch(windows: examples.map { data.train.windows[$0] }, targets: examples.map { data.train.targets[$0] })
    }

    /// The test forecast, scaled and in the target's unit, against the naive forecast.
    private static func forecast(data: SeriesDataset, predicted: [Float]) -> ForecastTrace {
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

    /// A value with two decimals.
    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
