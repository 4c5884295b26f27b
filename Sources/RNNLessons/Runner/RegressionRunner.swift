import Foundation
import RNNTrace

/// Trains a regression lesson on a CSV series (lab 12-5: seven days of Open, High, Low, Volume,
/// Close → the next Close), and compares it with the naive forecast "the next row = this row".
struct RegressionRunner: TaskRunner {
    func metric(for lesson: Lesson) -> HeadlineMetric? {
        HeadlineMetric(
            name: "rmse_scaled", label: "test RMSE (scaled)", lowerIsBetter: true,
            baselineLabel: ForecastTrace.naiveLabel(period: RegressionSteps.period(lesson)))
    }

    /// A lesson's series and untrained model: where training, and a PyTorch export of it, start.
    struct Prepared {
        /// The lesson, its mini-batch size settled (`Lesson.withBatchSize(examples:)`).
        let lesson: Lesson
        /// The series' windows.
        let data: SeriesDataset
        /// The model, its optimizer and the generator of batch orders.
        let setup: ModelSetup

        /// The batches training takes, in order.
        func batchPlan() -> BatchPlan {
            BatchPlan(count: data.train.count, size: lesson.train.batch, generator: setup.generator)
        }

        /// The training windows the final loss is measured on.
        var evaluated: [Int] { EvaluationSample.examples(count: data.train.count, limit: evaluationLimit) }

        /// All the training windows when they train as one batch, else `EvaluationSample.finalLimit`.
        private var evaluationLimit: Int { lesson.train.batch == nil ? data.train.count : EvaluationSample.finalLimit }

        /// The held-out windows each validation loss is measured on.
        var validated: [Int] {
            EvaluationSample.examples(count: data.validation?.count ?? 0, limit: EvaluationSample.validationLimit)
        }

        /// The number of windows of a training batch.
        var batchSize: Int { lesson.train.batch ?? data.train.count }
    }

    /// Reads the lesson's series and builds its model.
    static func prepare(_ file: LessonFile) throws -> Prepared {
        let data = try SeriesDataset.load(from: file)
        let lesson = file.lesson.withBatchSize(examples: data.train.count)
        guard case .size(let hidden) = lesson.model.hidden else { preconditionFailure("checked when the lesson was read") }
        let setup = ModelSetup(lesson: lesson, inputSize: data.featureCount, outputSize: 1, hiddenSize: hidden, readout: .lastStep)
        return Prepared(lesson: lesson, data: data, setup: setup)
    }

    func train(_ file: LessonFile, control: RunControl) throws -> TrainedLesson {
        let prepared = try Self.prepare(file)
        let lesson = prepared.lesson, data = prepared.data, setup = prepared.setup, model = setup.model
        let shownWindow = try RegressionSteps.shownWindow(file, data)
        let reduction = RegressionSteps.reduction(lesson)
        let shown = data.test.batch([shownWindow])
        var plan = prepared.batchPlan()
        let everything = plan.isFullBatch ? data.train.batch(Array(0..<data.train.count)) : nil

        let shownTarget = data.test.targets[shownWindow]
        var flow = GradientFlowProbe(input: shown.input, steps: shown.steps, target: { _ in .values([shownTarget]) })
        let validation = data.validation.map { held in
            ValidationProbe(iterations: lesson.train.iterations) {
                RegressionSteps.loss(
                    model: model, windows: held, examples: prepared.validated, batchSize: prepared.batchSize, reduction: reduction)
            }
        }

        // Train, watching the forecast of the shown window at snapshot iterations.
        let snapshotIterations = Set(lesson.snapshotIterations)
        var kept: [Int: Float] = [:]
        let record = try TrainingLoop.run(
            lesson, control: control, weights: { model.namedTensors }, validation: validation,
            observe: { iteration in
                if iteration == 0 { flow.measureInitial(model) }
                guard snapshotIterations.contains(iteration) else { return }
                kept[iteration] = model.forward(shown.input.pointer, steps: shown.steps, batch: 1)[0]
            },
            step: { _ in
                let batch = everything ?? data.train.batch(plan.next())
                return model.trainStep(
                    batch.input.pointer, steps: batch.steps, batch: batch.batch, targets: batch.targets(reduction: reduction),
                    optimizer: setup.optimizer, clip: setup.clip)
            },
            finalLoss: {
                RegressionSteps.loss(
                    model: model, windows: data.train, examples: prepared.evaluated, batchSize: prepared.batchSize, reduction: reduction)
            })
        let losses = record.losses
        let snapshots = kept.keys.sorted().map { iteration in
            Snapshot(
                iteration: iteration, loss: losses[iteration], predicted: [RegressionSteps.format(data.unscaleTest(kept[iteration]!))],
                probability: [], correct: [])
        }

        // Evaluate: the test forecast against the naive one (the final loss is the training loss of
        // the trained network, the loss of the last iteration).
        let forecast = RegressionSteps.forecast(model: model, data: data, lesson: lesson)

        // The final model on the shown window, row by row.
        let steps = RegressionSteps.steps(
            model: model, data: data, window: shownWindow, reduction: reduction, period: RegressionSteps.period(lesson))

        var result: [String: Double] = [
            "final_loss": record.finalLoss,
            "rmse_scaled": forecast.rmseScaled,
            "naive_rmse_scaled": forecast.naiveRmseScaled,
            "rmse": forecast.rmse,
            "naive_rmse": forecast.naiveRmse,
            "iterations": Double(lesson.train.iterations),
            "training_examples": Double(data.train.count),
            "test_examples": Double(data.test.count),
        ]
        if let held = record.validation?.loss.last { result["validation_loss"] = held }
        let trace = LessonTrace(
            lesson: lesson.info, model: setup.info(featureNames: data.featureNames), vocabulary: [],
            training: TrainingHistory(loss: losses, optimizer: setup.optimizerCaption, validation: record.validation),
            snapshots: snapshots, steps: steps, forecast: forecast, result: result,
            metric: metric(for: lesson).map { metric in
                var metric = metric
                metric.baseline = forecast.naiveRmseScaled
                return metric
            },
            gradientFlow: flow.trace(model), summary: Self.summary(forecast, validationLoss: result["validation_loss"]))
        let metadata = setup.metadata(
            file: file, vocabulary: [],
            extra: [
                "features": ModelSetup.json(data.featureNames),
                "target": data.targetName,
                "window": String(data.window),
                "scaling": lesson.data.scale?.rawValue ?? ScalingKind.minmax.rawValue,
                "train_scaler": ModelSetup.json(data.trainScaler),
                "test_scaler": ModelSetup.json(data.testScaler),
            ])
        return TrainedLesson(
            trace: trace, tensors: model.namedTensors, metadata: metadata, trainingSeconds: record.seconds, evaluationSeconds: record.evaluationSeconds,
            snapshotWeights: record.snapshotWeights)
    }

    /// "Close: test RMSE 0.0475 scaled ($7.95); naive "tomorrow = today" 0.0476 scaled ($7.97)", in
    /// the lesson's unit and period.
    static func summary(_ forecast: ForecastTrace, validationLoss: Double?) -> String {
        let scaled = { (value: Double) in String(format: "%.4f", value) }
        var line = "\(forecast.targetName): test RMSE \(scaled(forecast.rmseScaled)) scaled (\(forecast.format(forecast.rmse))); "
            + "naive \"\(forecast.naiveLabel)\" \(scaled(forecast.naiveRmseScaled)) scaled (\(forecast.format(forecast.naiveRmse)))"
        if let validationLoss { line += String(format: "; validation loss %.4f", validationLoss) }
        return line
    }
}
