import Foundation
import RNNCore

/// Trains a regression lesson (lab 12-5: seven days of Open, High, Low, Volume, Close → the
/// next Close), and compares it with the naive forecast "tomorrow = today".
struct RegressionRunner: TaskRunner {
    func metric(for lesson: Lesson) -> HeadlineMetric? {
        HeadlineMetric(name: "rmse_scaled", label: "test RMSE (scaled)", lowerIsBetter: true, baselineLabel: "tomorrow = today")
    }

    func train(_ file: LessonFile, control: RunControl) throws -> TrainedLesson {
        let lesson = file.lesson
        let data = try SeriesDataset.load(from: file)
        let features = data.featureNames.count
        let testCount = data.test.targets.count
        let shownWindow = try RegressionSteps.shownWindow(file, data)
        guard case .size(let hidden) = lesson.model.hidden else { preconditionFailure("checked when the lesson was read") }
        let setup = ModelSetup(lesson: lesson, inputSize: features, outputSize: 1, hiddenSize: hidden, readout: .lastStep)
        let model = setup.model
        let reduction = RegressionSteps.reduction(lesson)
        let training = SequenceBatch(windows: data.train.windows, targets: data.train.targets)
        let shown = SequenceBatch(windows: [data.test.windows[shownWindow]], targets: [data.test.targets[shownWindow]])
        var plan = BatchPlan(count: training.batch, size: lesson.train.batch, generator: setup.generator)

        let shownTarget = data.test.targets[shownWindow]
        var flow = GradientFlowProbe(input: shown.input, steps: shown.steps, target: { _ in .values([shownTarget]) })

        // Train, watching the forecast of the shown window at snapshot iterations.
        let snapshotIterations = Set(lesson.snapshotIterations)
        var kept: [Int: Float] = [:]
        let record = try TrainingLoop.run(
            lesson, control: control, weights: { model.namedTensors },
            observe: { iteration in
                if iteration == 0 { flow.measureInitial(model) }
                guard snapshotIterations.contains(iteration) else { return }
                kept[iteration] = model.forward(shown.input.pointer, steps: shown.steps, batch: 1)[0]
            },
            step: { _ in
                let batch = plan.isFullBatch ? training : Self.gather(plan.next(), from: data)
                return model.trainStep(
                    batch.input.pointer, steps: batch.steps, batch: batch.batch, targets: batch.targets(reduction: reduction),
                    optimizer: setup.optimizer, clip: setup.clip)
            },
            finalLoss: {
                let output = model.forward(training.input.pointer, steps: training.steps, batch: training.batch)
                return SquaredError.loss(predictions: output, targets: training.values.pointer, count: training.batch, reduction: reduction)
            })
        let losses = record.losses
        let snapshots = kept.keys.sorted().map { iteration in
            Snapshot(
                iteration: iteration, loss: losses[iteration], predicted: [RegressionSteps.format(data.unscaleTest(kept[iteration]!))],
                probability: [], correct: [])
        }

        // Evaluate: the test forecast against the naive one (the final loss is the training loss of
        // the trained network, the loss of the last iteration).
        let forecast = RegressionSteps.forecast(model: model, data: data)

        // The final model on the shown window, day by day.
        let steps = RegressionSteps.steps(model: model, data: data, window: shownWindow, reduction: reduction)

        let result: [String: Double] = [
            "final_loss": record.finalLoss,
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
            snapshots: snapshots, steps: steps, forecast: forecast, result: result,
            metric: metric(for: lesson).map { metric in
                var metric = metric
                metric.baseline = forecast.naiveRmseScaled
                return metric
            },
            gradientFlow: flow.trace(model), summary: summary)
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
        return TrainedLesson(trace: trace, tensors: model.namedTensors, metadata: metadata, trainingSeconds: record.seconds, snapshotWeights: record.snapshotWeights)
    }

    /// The training windows `examples` as one batch.
    private static func gather(_ examples: [Int], from data: SeriesDataset) -> SequenceBatch {
        SequenceBatch(windows: examples.map { data.train.windows[$0] }, targets: examples.map { data.train.targets[$0] })
    }
}
