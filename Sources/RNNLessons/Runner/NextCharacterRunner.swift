import Foundation
import RNNCore

/// Trains a next-character lesson (labs 12-1, 12-2, 12-4 and the slide's hello).
struct NextCharacterRunner: TaskRunner {
    func metric(for lesson: Lesson) -> HeadlineMetric? {
        HeadlineMetric(name: "accuracy", label: "accuracy (every next character)", lowerIsBetter: false)
    }

    func train(_ file: LessonFile, control: RunControl) throws -> TrainedLesson {
        let lesson = file.lesson
        let data = try CharacterDataset.load(from: file)
        let vocabulary = data.vocabulary
        let classes = vocabulary.count
        let shown = try Self.shownInput(file, data)
        let shownIndices = vocabulary.encode(shown).indices
        let shownTarget = data.continuation(of: shown)
        let shownTensor = OneHot.tensor(shownIndices, classes: classes)
        let setup = ModelSetup(
            lesson: lesson, inputSize: classes, outputSize: classes,
            hiddenSize: lesson.model.hidden.resolved(vocabularySize: classes), readout: .everyStep)
        let model = setup.model
        let everything = data.batch(Array(0..<data.exampleCount))
        var plan = BatchPlan(count: data.exampleCount, size: lesson.train.batch, generator: setup.generator)

        var flow = try Self.gradientFlowProbe(file, input: shownTensor, indices: shownIndices, targets: shownTarget.map { vocabulary.encode($0).indices })

        // Train, watching the prediction on the shown input at every iteration.
        let snapshotIterations = Set(lesson.snapshotIterations)
        var predictions: [String] = []
        var right: [Bool] = []
        var kept: [Int: TokenPrediction] = [:]
        let record = try TrainingLoop.run(
            lesson, control: control, weights: { model.namedTensors },
            observe: { iteration in
                if iteration == 0 { flow.measureInitial(model) }
                let probe = TokenPrediction(model: model, input: shownTensor, steps: shown.count)
                let tokens = vocabulary.decode(probe.indices)
                predictions.append(tokens.joined())
                right.append(tokens == shownTarget)
                if snapshotIterations.contains(iteration) { kept[iteration] = probe }
            },
            step: { _ in
                let batch = plan.isFullBatch ? everything : data.batch(plan.next())
                return model.trainStep(
                    batch.input.pointer, steps: batch.steps, batch: batch.batch, hotIndices: batch.hotIndices,
                    targets: .classes(batch.classes), optimizer: setup.optimizer, clip: setup.clip)
            },
            finalLoss: {
                let logits = model.forward(everything.input.pointer, steps: everything.steps, batch: everything.batch)
                return CrossEntropy.loss(logits: logits, targets: everything.classes, classes: classes)
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

        // Evaluate the final model on every example.
        let logits = model.forward(everything.input.pointer, steps: everything.steps, batch: everything.batch)
        let finalLoss = record.finalLoss
        let all = TokenPrediction(logits: logits, rows: everything.classes.count, classes: classes)
        let hits = zip(all.indices, everything.classes).filter { $0 == $1 }.count
        var result: [String: Double] = [
            "final_loss": finalLoss,
            "accuracy": Double(hits) / Double(everything.classes.count),
            "iterations": Double(lesson.train.iterations),
            "training_examples": Double(data.exampleCount),
        ]
        if let firstRight { result["first_correct_iteration"] = Double(firstRight) }
        if data.window != nil {
            // Rows are time-major: row t·batch + b is window b's step t.
            let perWindow = (0..<everything.batch).map { b in (0..<everything.steps).map { all.indices[$0 * everything.batch + b] } }
            let sentence = data.rebuild(predictions: perWindow)
            let expected = data.characters.dropFirst().joined()
            let same = zip(sentence, expected).filter { $0 == $1 }.count
            result["rebuilt_accuracy"] = Double(same) / Double(expected.count)
        }

        // The final model on the shown input, step by step.
        let shownPass = CharacterSteps(
            model: model, vocabulary: vocabulary, labels: shown, input: shownTensor, targets: shownTarget)
        let final = shownPass.prediction
        let steps = shownPass.steps

        let finalText = vocabulary.decode(final.indices).joined()
        let summary = Self.summary(
            predicted: finalText, target: shownTarget?.joined(), firstRight: firstRight, loss: finalLoss,
            rebuiltAccuracy: result["rebuilt_accuracy"])
        var trace = LessonTrace(
            lesson: LessonInfo(name: lesson.name, title: lesson.title, source: lesson.source, task: lesson.task.rawValue),
            model: setup.info(), vocabulary: vocabulary.tokens,
            training: TrainingHistory(
                loss: losses, predictions: predictions, firstCorrectIteration: firstRight, optimizer: setup.optimizerCaption),
            snapshots: snapshots, steps: steps, result: result,
            metric: metric(for: lesson),
            gradientFlow: flow.trace(model), summary: summary)
        trace.text = TextActivations.reading(data.characters, model: model, vocabulary: vocabulary)
        return TrainedLesson(
            trace: trace, tensors: model.namedTensors,
            metadata: setup.metadata(file: file, vocabulary: vocabulary.tokens), trainingSeconds: record.seconds, snapshotWeights: record.snapshotWeights)
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
        guard let text = file.lesson.show.input else { return data.vocabulary.decode(data.input(0)) }
        let characters = text.map(String.init)
        let unknown = characters.filter { data.vocabulary.index(of: $0) == nil }
        guard unknown.isEmpty else {
            let known = data.vocabulary.tokens.map { "\"\($0)\"" }.joined(separator: " ")
            throw file.error(at: ["show", "input"], "\"\(unknown[0])\" is not a character of the text; expected characters from \(known)")
        }
        return characters
    }

    private static func summary(
        predicted: String, target: String?, firstRight: Int?, loss: Double, rebuiltAccuracy: Double?
    ) -> String {
        let lossText = String(format: "final loss %.4f", loss)
        if let rebuiltAccuracy {
            return String(format: "rebuilt %.1f%% of the text right, ", rebuiltAccuracy * 100) + lossText
        }
        guard let target else { return "predicted \"\(predicted)\", \(lossText)" }
        if let firstRight { return "predicted \"\(predicted)\" right from iteration \(firstRight) on, \(lossText)" }
        return "predicted \"\(predicted)\" instead of \"\(target)\", \(lossText)"
    }
}
