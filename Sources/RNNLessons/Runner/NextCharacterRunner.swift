import Foundation
import RNNCore
import RNNTrace

/// Trains a next-character lesson (labs 12-1, 12-2, 12-4, the slide's hello, or a student's book).
///
/// Memory and time follow the model, not the text: the text is kept once as indices, each
/// mini-batch is built when it is trained on, the trained network is judged on at most
/// `EvaluationSample.finalLimit` windows spread over the text, and the trace records the shown
/// input only.
struct NextCharacterRunner: TaskRunner {
    func metric(for lesson: Lesson) -> HeadlineMetric? {
        HeadlineMetric(name: "accuracy", label: "accuracy (every next character)", lowerIsBetter: false)
    }

    /// A lesson's text and untrained model: where training, and a PyTorch export of it, start.
    struct Prepared {
        /// The lesson, its mini-batch size settled (`Lesson.withBatchSize(examples:)`).
        let lesson: Lesson
        /// The text's examples.
        let data: CharacterDataset
        /// The model, its optimizer and the generator of batch orders.
        let setup: ModelSetup

        /// The batches training takes, in order.
        func batchPlan() -> BatchPlan {
            BatchPlan(count: data.exampleCount, size: lesson.train.batch, generator: setup.generator)
        }

        /// The training windows the final loss, accuracy and rebuilt text are measured on.
        var evaluated: [Int] { EvaluationSample.examples(count: data.exampleCount, limit: EvaluationSample.finalLimit) }

        /// The held-out windows each validation loss is measured on.
        var validated: [Int] {
            EvaluationSample.examples(count: data.validation?.count ?? 0, limit: EvaluationSample.validationLimit)
        }

        /// The number of examples each evaluation batch reads: a training batch's worth.
        var evaluationBatch: Int { lesson.train.batch ?? data.exampleCount }
    }

    /// Reads the lesson's text and builds its model.
    static func prepare(_ file: LessonFile) throws -> Prepared {
        let data = try CharacterDataset.load(from: file)
        let lesson = file.lesson.withBatchSize(examples: data.exampleCount)
        let classes = data.vocabulary.count
        let setup = ModelSetup(
            lesson: lesson, inputSize: classes, outputSize: classes,
            hiddenSize: lesson.model.hidden.resolved(vocabularySize: classes), readout: .everyStep)
        return Prepared(lesson: lesson, data: data, setup: setup)
    }

    func train(_ file: LessonFile, control: RunControl) throws -> TrainedLesson {
        let prepared = try Self.prepare(file)
        let lesson = prepared.lesson, data = prepared.data, setup = prepared.setup, model = setup.model
        let vocabulary = data.vocabulary
        let shown = try Self.shownInput(file, data)
        let shownIndices = vocabulary.encode(shown).indices
        let shownTarget = data.continuation(of: shownIndices).map(vocabulary.decode)
        let shownTensor = OneHot.tensor(shownIndices, classes: vocabulary.count)
        var plan = prepared.batchPlan()
        let everything = plan.isFullBatch ? data.training.batch(Array(0..<data.exampleCount)) : nil
        var flow = try Self.gradientFlowProbe(
            file, input: shownTensor, indices: shownIndices, targets: shownTarget.map { vocabulary.encode($0).indices })
        let validation = data.validation.map { held in
            ValidationProbe(iterations: lesson.train.iterations) {
                CharacterEvaluation(model: model, windows: held, examples: prepared.validated, batchSize: prepared.evaluationBatch).loss
            }
        }

        // Train, watching the prediction on the shown input at every iteration.
        let snapshotIterations = Set(lesson.snapshotIterations)
        var predictions: [String] = []
        var right: [Bool] = []
        var kept: [Int: TokenPrediction] = [:]
        var evaluation: CharacterEvaluation?
        let record = try TrainingLoop.run(
            lesson, control: control, weights: { model.namedTensors }, validation: validation,
            observe: { iteration in
                if iteration == 0 { flow.measureInitial(model) }
                let probe = TokenPrediction(model: model, input: shownTensor, steps: shown.count)
                let tokens = vocabulary.decode(probe.indices)
                predictions.append(tokens.joined())
                right.append(tokens == shownTarget)
                if snapshotIterations.contains(iteration) { kept[iteration] = probe }
            },
            step: { _ in
                let batch = everything ?? data.training.batch(plan.next())
                return model.trainStep(
                    batch.input.pointer, steps: batch.steps, batch: batch.batch, hotIndices: batch.hotIndices,
                    targets: .classes(batch.classes), optimizer: setup.optimizer, clip: setup.clip)
            },
            finalLoss: {
                let judged = CharacterEvaluation(
                    model: model, windows: data.training, examples: prepared.evaluated, batchSize: prepared.evaluationBatch)
                evaluation = judged
                return judged.loss
            })
        let losses = record.losses
        let snapshots = kept.keys.sorted().map { iteration in
            let probe = kept[iteration]!
            let tokens = vocabulary.decode(probe.indices)
            return Snapshot(
                iteration: iteration, loss: losses[iteration], predicted: tokens, probability: probe.probabilities,
                correct: shownTarget.map { zip(tokens, $0).map(==) } ?? [])
        }
        let firstRight = shownTarget == nil ? nil : TrainingLoop.firstStayingTrue(right)

        // The trained network as judged at its last iteration.
        let judged = evaluation!
        var result: [String: Double] = [
            "final_loss": record.finalLoss,
            "accuracy": judged.accuracy,
            "iterations": Double(lesson.train.iterations),
            "training_examples": Double(data.exampleCount),
        ]
        if let firstRight { result["first_correct_iteration"] = Double(firstRight) }
        if data.window != nil { result["rebuilt_accuracy"] = judged.rebuiltAccuracy }
        if prepared.evaluated.count < data.exampleCount { result["evaluated_examples"] = Double(prepared.evaluated.count) }
        if let held = record.validation?.loss.last { result["validation_loss"] = held }

        // The final model on the shown input, step by step.
        let shownPass = CharacterSteps(
            model: model, vocabulary: vocabulary, labels: shown, input: shownTensor, targets: shownTarget)
        let finalText = vocabulary.decode(shownPass.prediction.indices).joined()
        let summary = Self.summary(
            predicted: finalText, target: shownTarget?.joined(), firstRight: firstRight, loss: record.finalLoss,
            rebuiltAccuracy: result["rebuilt_accuracy"], validationLoss: result["validation_loss"])
        var trace = LessonTrace(
            lesson: lesson.info, model: setup.info(), vocabulary: vocabulary.tokens,
            training: TrainingHistory(
                loss: losses, predictions: predictions, firstCorrectIteration: firstRight, optimizer: setup.optimizerCaption,
                validation: record.validation),
            snapshots: snapshots, steps: shownPass.steps, result: result,
            metric: metric(for: lesson),
            gradientFlow: flow.trace(model), summary: summary)
        trace.text = TextActivations.reading(
            data.corpus.indices(0..<min(TextActivations.longestText, data.corpus.count)), model: model, vocabulary: vocabulary)
        return TrainedLesson(
            trace: trace, tensors: model.namedTensors,
            metadata: setup.metadata(file: file, vocabulary: vocabulary.tokens), trainingSeconds: record.seconds, evaluationSeconds: record.evaluationSeconds,
            snapshotWeights: record.snapshotWeights, notes: Self.notes(file, prepared))
    }

    /// What the user should know about how the lesson's text was read: a window chosen for a
    /// long text, a final loss measured on a sample of it.
    private static func notes(_ file: LessonFile, _ prepared: Prepared) -> [String] {
        let name = prepared.lesson.name, data = prepared.data
        var notes: [String] = []
        if file.lesson.data.window == nil, let window = data.window {
            notes.append(
                "\(name): the text has \(data.corpus.count) characters, too many for one sequence: it is read in windows of \(window) "
                    + "(set data.window to choose)")
        }
        if prepared.evaluated.count < data.exampleCount {
            notes.append(
                "\(name): the final loss, accuracy and rebuilt text are measured on \(prepared.evaluated.count) of the "
                    + "\(data.exampleCount) training windows, spread evenly over the text")
        }
        return notes
    }

    /// The gradient flow of step `show.loss_step` (by default the last) of the shown input, against
    /// its target character or, when the text does not go on from the shown input, the model's
    /// own prediction.
    static func gradientFlowProbe(
        _ file: LessonFile, input: Tensor, indices: [Int], targets known: [Int]?
    ) throws -> GradientFlowProbe {
        let outputStep = file.lesson.show.lossStep ?? indices.count - 1
        guard outputStep < indices.count else {
            throw file.error(
                at: ["show", "loss_step"], "\(outputStep) is past the shown input's last step; expected 0 to \(indices.count - 1)")
        }
        return GradientFlowProbe(input: input, steps: indices.count, outputStep: outputStep, hotIndices: indices) { model in
            if let known { return .classIndex(known[outputStep]) }
            return .classIndex(TokenPrediction(model: model, input: input, steps: indices.count).indices[outputStep])
        }
    }

    /// `show.input` as characters (checked against the vocabulary), or the first example's input.
    static func shownInput(_ file: LessonFile, _ data: CharacterDataset) throws -> [String] {
        guard let text = file.lesson.show.input else { return data.vocabulary.decode(data.training.input(0)) }
        let characters = text.map(String.init)
        let unknown = characters.filter { data.vocabulary.index(of: $0) == nil }
        guard unknown.isEmpty else {
            let known = data.vocabulary.tokens.map { "\"\($0)\"" }.joined(separator: " ")
            throw file.error(at: ["show", "input"], "\"\(unknown[0])\" is not a character of the text; expected characters from \(known)")
        }
        return characters
    }

    private static func summary(
        predicted: String, target: String?, firstRight: Int?, loss: Double, rebuiltAccuracy: Double?, validationLoss: Double?
    ) -> String {
        var lossText = String(format: "final loss %.4f", loss)
        if let validationLoss { lossText += String(format: ", validation loss %.4f", validationLoss) }
        if let rebuiltAccuracy {
            return String(format: "rebuilt %.1f%% of the text right, ", rebuiltAccuracy * 100) + lossText
        }
        guard let target else { return "predicted \"\(predicted)\", \(lossText)" }
        if let firstRight { return "predicted \"\(predicted)\" right from iteration \(firstRight) on, \(lossText)" }
        return "predicted \"\(predicted)\" instead of \"\(target)\", \(lossText)"
    }
}
