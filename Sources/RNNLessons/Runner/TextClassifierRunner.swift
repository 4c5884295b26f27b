import Foundation
import RNNCore
import RNNTrace

/// Trains a classify lesson on a file of labelled texts (many-to-one: the lecture's sentiment
/// classification) and judges it on the held-out texts, beside always answering the training
/// texts' most common label.
struct TextClassifierRunner: TaskRunner {
    func metric(for lesson: Lesson) -> HeadlineMetric? {
        HeadlineMetric(name: "test_accuracy", label: "held-out accuracy", lowerIsBetter: false)
    }

    func train(_ file: LessonFile, control: RunControl) throws -> TrainedLesson {
        let data = try TextClassificationDataset.load(from: file)
        let lesson = file.lesson.withBatchSize(examples: data.train.count)
        let (shownTokens, shownTarget) = try Self.shownText(file, data)
        guard case .size(let hidden) = lesson.model.hidden else { preconditionFailure("checked when the lesson was read") }
        let setup = ModelSetup(
            lesson: lesson, inputSize: data.vocabulary.count, outputSize: data.labels.count, hiddenSize: hidden,
            readout: (lesson.model.readout ?? .last).modelReadout, embeddingSize: lesson.model.embedding)
        let model = setup.model
        Self.silenceUnknownToken(model)
        let oneHot = model.embedding == nil
        let everything = data.batch(data.train, oneHot: oneHot)
        var plan = BatchPlan(count: data.train.count, size: lesson.train.batch, generator: setup.generator)
        let shownIndices = data.encode(shownTokens).indices
        var flow = GradientFlowProbe(
            input: oneHot ? OneHot.tensor(shownIndices, classes: model.shape.inputSize) : Tensor(shape: [1]),
            steps: shownIndices.count, hotIndices: shownIndices
        ) { model in .classIndex(shownTarget ?? ClassifierSteps.probabilities(model, data, shownIndices).indexOfLargest) }

        let snapshotIterations = Set(lesson.snapshotIterations)
        var kept: [Int: [Float]] = [:]
        let record = try TrainingLoop.run(
            lesson, control: control, weights: { model.namedTensors },
            observe: { iteration in
                if iteration == 0 { flow.measureInitial(model) }
                if snapshotIterations.contains(iteration) { kept[iteration] = ClassifierSteps.probabilities(model, data, shownIndices) }
            },
            step: { _ in
                let batch = plan.isFullBatch ? everything : data.batch(plan.next().map { data.train[$0] }, oneHot: oneHot)
                return batch.trainStep(model, optimizer: setup.optimizer, clip: setup.clip)
            },
            finalLoss: { Double(everything.loss(model)) })
        let snapshots = kept.keys.sorted().map { iteration in
            let probabilities = kept[iteration]!, choice = probabilities.indexOfLargest
            return Snapshot(
                iteration: iteration, loss: record.losses[iteration], predicted: [data.labels[choice]],
                probability: [probabilities[choice]], correct: shownTarget.map { [$0 == choice] } ?? [])
        }

        let judged = Self.judge(model, data)
        var result: [String: Double] = [
            "final_loss": record.finalLoss, "iterations": Double(lesson.train.iterations),
            "training_examples": Double(data.train.count), "test_examples": Double(data.test.count),
            "train_accuracy": Self.accuracy(Self.predictions(model, data, data.train), data.train),
            "vocabulary_size": Double(data.vocabulary.count),
        ]
        var metric = metric(for: lesson)!
        let majority = data.labels[data.majorityLabel]
        metric.baselineLabel = "always \"\(majority)\" (the most common training label)"
        if let judged {
            result["test_accuracy"] = judged.accuracy
            result["baseline_accuracy"] = judged.baseline
            metric.baseline = judged.baseline
        }

        let shown = ClassifierSteps(model: model, data: data, tokens: shownTokens, target: shownTarget)
        var classification = shown.classification
        classification.confusion = judged?.confusion
        var trace = LessonTrace(
            lesson: lesson.info,
            model: setup.info(), vocabulary: data.vocabulary.tokens,
            training: TrainingHistory(loss: record.losses, optimizer: setup.optimizerCaption),
            snapshots: snapshots, steps: shown.steps, result: result, metric: metric, gradientFlow: flow.trace(model),
            summary: Self.summary(shownTokens, data, shown, judged: judged, majority: majority))
        trace.classification = classification
        let extra = ["labels": ModelSetup.json(data.labels), "tokens": data.tokenKind.rawValue]
        return TrainedLesson(
            trace: trace, tensors: model.namedTensors,
            metadata: setup.metadata(file: file, vocabulary: data.vocabulary.tokens, extra: extra),
            trainingSeconds: record.seconds, evaluationSeconds: record.evaluationSeconds, snapshotWeights: record.snapshotWeights)
    }

    /// Makes `<unk>` read as nothing: its embedding row (or, one-hot, its column of `W_ih`) is
    /// zero. No training text has it, so its gradient is zero and it stays so.
    static func silenceUnknownToken(_ model: SequenceModel) {
        let unknown = TextClassificationDataset.unknownIndex
        if let embedding = model.embedding {
            (embedding.weight.value.pointer + unknown * embedding.dimension).update(repeating: 0, count: embedding.dimension)
            embedding.weight.markChanged()
        } else {
            let layer = model.recurrent.layers[0]
            for row in 0..<layer.weightIH.shape[0] { layer.weightIH.value[row * layer.inputSize + unknown] = 0 }
            layer.weightIH.markChanged()
        }
    }

    /// The shown text's tokens and, when it is one of the lesson's texts, its label:
    /// `show.input`, or the first held-out text (the first training text when none is held out).
    static func shownText(_ file: LessonFile, _ data: TextClassificationDataset) throws -> (tokens: [String], label: Int?) {
        if let text = file.lesson.show.input {
            let tokens = data.tokens(of: text)
            guard !tokens.isEmpty else { throw file.error(at: ["show", "input"], "\"\(text)\" has no \(data.tokenKind.rawValue)") }
            let known = (data.test + data.train).first { $0.tokens == tokens }
            return (tokens, known?.label)
        }
        let example = data.test.first ?? data.train[0]
        return (example.tokens, example.label)
    }

    /// The likeliest label of every example.
    static func predictions(_ model: SequenceModel, _ data: TextClassificationDataset, _ examples: [TextClassificationDataset.Example]) -> [Int] {
        guard !examples.isEmpty else { return [] }
        let classes = model.shape.outputSize
        let logits = data.batch(examples, oneHot: model.embedding == nil).forward(model)
        return examples.indices.map { row in Array(UnsafeBufferPointer(start: logits + row * classes, count: classes)).indexOfLargest }
    }

    static func accuracy(_ predictions: [Int], _ examples: [TextClassificationDataset.Example]) -> Double {
        Double(zip(predictions, examples).filter { $0 == $1.label }.count) / Double(max(examples.count, 1))
    }

    /// The held-out accuracy, the majority baseline's accuracy on the same texts, and the
    /// confusion matrix; `nil` when nothing is held out.
    static func judge(
        _ model: SequenceModel, _ data: TextClassificationDataset
    ) -> (accuracy: Double, baseline: Double, confusion: [[Int]])? {
        guard !data.test.isEmpty else { return nil }
        let predicted = predictions(model, data, data.test)
        var confusion = Array(repeating: Array(repeating: 0, count: data.labels.count), count: data.labels.count)
        for (choice, example) in zip(predicted, data.test) { confusion[example.label][choice] += 1 }
        let baseline = Double(data.test.filter { $0.label == data.majorityLabel }.count) / Double(data.test.count)
        return (accuracy(predicted, data.test), baseline, confusion)
    }

    /// "held-out accuracy 91.3% against 50% for always "positive"; “…” → positive (0.97)".
    static func summary(
        _ tokens: [String], _ data: TextClassificationDataset, _ shown: ClassifierSteps,
        judged: (accuracy: Double, baseline: Double, confusion: [[Int]])?, majority: String
    ) -> String {
        let text = data.tokenKind == .words ? WordTokenizer().detokenize(tokens) : tokens.joined()
        let answer = String(format: "“%@” → %@ (%.2f)", text, data.labels[shown.predicted], shown.probabilities[shown.predicted])
        guard let judged else { return answer }
        return String(
            format: "held-out accuracy %.1f%% against %.0f%% for always \"%@\"; ", judged.accuracy * 100, judged.baseline * 100, majority)
            + answer
    }
}
