import Foundation
import RNNCore
import RNNTrace

/// Trains a lesson on generated data — the adding problem, remember — and judges it on
/// held-out sequences.
///
/// Three seeded streams keep variants comparable: the model's weights come from the lesson's
/// seed (then the order of a fixed training set); the training sequences from the seed mixed
/// with `dataStream`, so that an RNN, an LSTM and a GRU of the same seed read the very same
/// batches; the test sequences from `testSeed` alone, the same for every seed and cell.
struct MemoryTaskRunner: TaskRunner {
    /// The mini-batch size when the lesson gives none.
    static let defaultBatch = 64
    /// The sequence length when the lesson gives none.
    static let defaultLength = 20
    /// The number of held-out sequences when the lesson gives none.
    static let defaultTestExamples = 1000
    /// The number of symbols of `remember` when the lesson gives none.
    static let defaultSymbols = 4
    /// Mixed into the seed for the training sequences.
    static let dataStream: UInt64 = 0xDA7A_5EED_0000_0001
    /// The seed of the test sequences.
    static let testSeed: UInt64 = 0x7E57_5E7

    func metric(for lesson: Lesson) -> HeadlineMetric? {
        switch Self.task(lesson) {
        case .adding(let task): task.metric
        case .remember(let task): task.metric
        }
    }

    func train(_ file: LessonFile, control: RunControl) throws -> TrainedLesson {
        switch Self.task(file.lesson) {
        case .adding(let task): try train(task, file, control)
        case .remember(let task): try train(task, file, control)
        }
    }

    /// The generated task of a lesson, with its sizes.
    enum Task {
        case adding(AddingProblem)
        case remember(RememberTask)
    }

    /// The task `lesson` generates (the lesson must have `data.generate`).
    static func task(_ lesson: Lesson) -> Task {
        let length = lesson.data.length?.upperBound ?? defaultLength
        switch lesson.data.generate {
        case .adding?: return .adding(AddingProblem(length: length))
        case .remember?: return .remember(RememberTask(length: length, symbols: lesson.data.symbols ?? defaultSymbols))
        case .reverse?, .copy?, .sort?, nil: preconditionFailure("\(lesson.name) generates no memory task")
        }
    }

    /// The held-out sequences of `lesson`'s task: the first is the shown one.
    static func testExamples<T: MemoryTask>(_ task: T, _ lesson: Lesson) -> [T.Example] {
        var generator = SeededGenerator(seed: testSeed)
        return task.draw(lesson.data.testExamples ?? defaultTestExamples, &generator)
    }

    private func train<T: MemoryTask>(_ task: T, _ file: LessonFile, _ control: RunControl) throws -> TrainedLesson {
        let lesson = file.lesson
        guard case .size(let hidden) = lesson.model.hidden else { preconditionFailure("checked when the lesson was read") }
        let setup = ModelSetup(
            lesson: lesson, inputSize: task.inputSize, outputSize: task.outputSize, hiddenSize: hidden, readout: .lastStep)
        let model = setup.model
        let reduction = lesson.task == .regression ? RegressionSteps.reduction(lesson) : nil
        let test = Self.testExamples(task, lesson)
        var batches = Self.batches(task, lesson, setup: setup)
        let wholeSet = batches.isWholeSet ? batches.fixed.map(task.batch) : nil

        let shown = test[0]
        let shownBatch = task.batch([shown])
        var flow = GradientFlowProbe(
            input: shownBatch.input, steps: task.length, hotIndices: shownBatch.hotIndices, target: { _ in task.stepTarget(shown) })
        let snapshotIterations = Set(lesson.snapshotIterations)
        var kept: [Int: [Float]] = [:]
        let record = try TrainingLoop.run(
            lesson, control: control, weights: { model.namedTensors },
            observe: { iteration in
                if iteration == 0 { flow.measureInitial(model) }
                if snapshotIterations.contains(iteration) { kept[iteration] = task.outputs(of: model, on: [shown])[0] }
            },
            step: { _ in
                let batch = wholeSet ?? task.batch(batches.next())
                return model.trainStep(
                    batch.input.pointer, steps: batch.steps, batch: batch.batch, hotIndices: batch.hotIndices,
                    targets: batch.targets(reduction: reduction), optimizer: setup.optimizer, clip: setup.clip)
            },
            finalLoss: {
                // The trained network on the whole fixed set, or on the next fresh batch, as the
                // iterations before it were measured.
                Double(Self.loss(model, task.batch(batches.finalExamples()), reduction: reduction))
            })
        let losses = record.losses
        let snapshots = kept.keys.sorted().map { iteration in
            let output = kept[iteration]!
            return Snapshot(
                iteration: iteration, loss: losses[iteration], predicted: [task.outputLabel(output)],
                probability: Self.probability(of: output, isClass: reduction == nil), correct: task.isRight(output, shown).map { [$0] } ?? [])
        }

        // Judge the final model on the held-out sequences.
        var result = task.score(task.outputs(of: model, on: test), test)
        result["final_loss"] = record.finalLoss
        result["iterations"] = Double(lesson.train.iterations)
        result["sequence_length"] = Double(task.length)
        result["test_examples"] = Double(test.count)
        result["training_examples"] = Double(batches.fixed?.count ?? lesson.train.iterations * batches.size)

        let steps = Self.steps(model: model, task: task, example: shown, reduction: reduction)
        let metric = task.metric
        let trace = LessonTrace(
            lesson: lesson.info,
            model: setup.info(featureNames: task.featureNames), vocabulary: task.vocabulary,
            training: TrainingHistory(loss: losses, optimizer: setup.optimizerCaption),
            snapshots: snapshots, steps: steps, result: result, metric: metric,
            gradientFlow: Self.marked(flow.trace(model), task, shown),
            summary: Self.summary(result, metric: metric, length: task.length))
        var extra = ["generate": lesson.data.generate!.rawValue, "length": String(task.length)]
        if !task.featureNames.isEmpty { extra["features"] = ModelSetup.json(task.featureNames) }
        return TrainedLesson(
            trace: trace, tensors: model.namedTensors, metadata: setup.metadata(file: file, vocabulary: task.vocabulary, extra: extra),
            trainingSeconds: record.seconds, evaluationSeconds: record.evaluationSeconds, snapshotWeights: record.snapshotWeights)
    }

    /// The training batches of `lesson`: the sequences from the seed mixed with `dataStream`, a
    /// fixed set's order from the generator `setup` leaves after drawing the weights.
    static func batches<T: MemoryTask>(_ task: T, _ lesson: Lesson, setup: ModelSetup) -> MemoryTaskBatches<T> {
        MemoryTaskBatches(task: task, lesson: lesson, data: SeededGenerator(seed: lesson.train.seed ^ dataStream), order: setup.generator)
    }

    /// The loss of `model` on `batch`, without training.
    static func loss(_ model: SequenceModel, _ batch: SequenceBatch, reduction: SquaredError.Reduction?) -> Float {
        let output = model.forward(batch.input.pointer, steps: batch.steps, batch: batch.batch, hotIndices: batch.hotIndices)
        if let reduction {
            return SquaredError.loss(predictions: output, targets: batch.values.pointer, count: batch.batch, reduction: reduction)
        }
        return CrossEntropy.loss(logits: output, targets: batch.classes, classes: model.shape.outputSize)
    }

    /// `flow` with the steps the target of `example` depends on.
    static func marked<T: MemoryTask>(_ flow: GradientFlowTrace, _ task: T, _ example: T.Example) -> GradientFlowTrace {
        var flow = flow
        flow.keySteps = task.keySteps(example)
        flow.keyStepLabel = task.keyStepLabel
        return flow
    }

    /// The final model on one sequence, step by step; the output, prediction and target at the last step.
    static func steps<T: MemoryTask>(
        model: SequenceModel, task: T, example: T.Example, reduction: SquaredError.Reduction?
    ) -> [StepTrace] {
        let batch = task.batch([example])
        let pass = ShownPass(model: model, input: batch.input, steps: batch.steps, targets: batch.targets(reduction: reduction))
        let labels = task.stepLabels(example)
        let last = batch.steps - 1
        return (0...last).map { t in
            let atEnd = t == last
            return StepTrace(
                t: t, inputToken: labels[t], x: pass.inputs[t], layers: pass.layers[t],
                logits: atEnd ? pass.outputs : nil,
                probabilities: atEnd && reduction == nil ? CrossEntropy.softmax(pass.outputs) : nil,
                prediction: atEnd ? task.outputLabel(pass.outputs) : nil, target: atEnd ? task.targetLabel(example) : nil)
        }
    }

    /// The probability of the chosen class when the output is a class's scores; none for a value.
    private static func probability(of output: [Float], isClass: Bool) -> [Float] {
        isClass ? [CrossEntropy.softmax(output).max() ?? 0] : []
    }

    /// "test MSE 0.0012 (always 1 (the mean): MSE 1/6 = 0.1667) — solved, length 50".
    static func summary(_ result: [String: Double], metric: HeadlineMetric, length: Int) -> String {
        let value = result[metric.name] ?? .nan
        let text = metric.lowerIsBetter ? String(format: "%.4f", value) : String(format: "%.1f%%", value * 100)
        var line = "length \(length): \(metric.label) \(text)"
        if let baseline = metric.baseline, let label = metric.baselineLabel {
            let baselineText = metric.lowerIsBetter ? String(format: "%.4f", baseline) : String(format: "%.0f%%", baseline * 100)
            line += " against \(baselineText) for \(label)"
        }
        if metric.solvedAt != nil { line += metric.isSolved(value) ? " — solved" : " — not solved" }
        return line
    }
}
