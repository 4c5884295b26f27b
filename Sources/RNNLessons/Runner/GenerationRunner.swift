import Foundation
import RNNCore
import RNNTrace

/// Trains a generate lesson (one to many: one input at the first step, a sequence out until the
/// end token) and judges it by the held-out inputs whose whole output comes out exactly right.
struct GenerationRunner: TaskRunner {
    func metric(for lesson: Lesson) -> HeadlineMetric? {
        HeadlineMetric(name: "test_exact", label: "held-out outputs exactly right", lowerIsBetter: false)
    }

    func train(_ file: LessonFile, control: RunControl) throws -> TrainedLesson {
        let data = try GenerationDataset.load(from: file)
        let lesson = file.lesson.withBatchSize(examples: data.train.count)
        let shown = try Self.shownInput(file, data)
        guard case .size(let hidden) = lesson.model.hidden else { preconditionFailure("checked when the lesson was read") }
        let setup = ModelSetup(
            lesson: lesson, inputSize: data.encoding.width, outputSize: data.vocabulary.count, hiddenSize: hidden,
            readout: .everyStep)
        let model = setup.model
        let everything = data.batch(data.train)
        var plan = BatchPlan(count: data.train.count, size: lesson.train.batch, generator: setup.generator)
        let shownSteps = min((shown.expected?.count ?? data.maxSteps - 1) + 1, data.maxSteps)
        var flow = GradientFlowProbe(input: data.input([shown.vector], steps: shownSteps), steps: shownSteps) { model in
            let last = data.generate(model, [shown.vector])[0].distributions
            return .classIndex(shownSteps - 1 < last.count ? last[shownSteps - 1].indexOfLargest : data.endIndex)
        }

        let snapshotIterations = Set(lesson.snapshotIterations)
        var predictions: [String] = [], right: [Bool] = []
        var kept: [Int: (output: [String], distributions: [[Float]])] = [:]
        let record = try TrainingLoop.run(
            lesson, control: control, weights: { model.namedTensors },
            observe: { iteration in
                if iteration == 0 { flow.measureInitial(model) }
                let written = data.generate(model, [shown.vector])[0]
                predictions.append(written.output.joined())
                right.append(shown.expected == written.output)
                if snapshotIterations.contains(iteration) { kept[iteration] = written }
            },
            step: { _ in
                let batch = plan.isFullBatch ? everything : data.batch(plan.next().map { data.train[$0] })
                return model.trainStep(
                    batch.input.pointer, steps: batch.steps, batch: batch.size,
                    targets: .classes(batch.targets), optimizer: setup.optimizer, clip: setup.clip)
            },
            finalLoss: {
                let logits = model.forward(everything.input.pointer, steps: everything.steps, batch: everything.size)
                return Double(CrossEntropy.loss(logits: logits, targets: everything.targets, classes: data.vocabulary.count))
            })
        let snapshots = kept.keys.sorted().map { iteration in
            Self.snapshot(kept[iteration]!, iteration: iteration, loss: record.losses[iteration], data: data, expected: shown.expected)
        }
        let firstRight = shown.expected == nil ? nil : TrainingLoop.firstStayingTrue(right)

        let heldOut = Self.written(model, data, data.test)
        var result: [String: Double] = [
            "final_loss": record.finalLoss, "iterations": Double(lesson.train.iterations),
            "training_examples": Double(data.train.count), "test_examples": Double(data.test.count),
            "train_exact": Self.exactShare(Self.written(model, data, data.train)),
        ]
        if !heldOut.isEmpty { result["test_exact"] = Self.exactShare(heldOut) }
        if let firstRight { result["first_correct_iteration"] = Double(firstRight) }

        let steps = GenerationSteps(model: model, data: data, input: shown.input, vector: shown.vector, expected: shown.expected)
        var trace = LessonTrace(
            lesson: lesson.info,
            model: setup.info(featureNames: data.encoding.featureNames), vocabulary: data.vocabulary.tokens,
            training: TrainingHistory(
                loss: record.losses, predictions: predictions, firstCorrectIteration: firstRight, optimizer: setup.optimizerCaption),
            snapshots: snapshots, steps: steps.steps, result: result, metric: metric(for: lesson), gradientFlow: flow.trace(model),
            summary: Self.summary(shown.input, steps.output, heldOut: heldOut))
        trace.generation = GenerationTrace(input: shown.input, endToken: data.endToken, heldOut: heldOut)
        let extra = [
            "end": data.endToken, "features": ModelSetup.json(data.encoding.featureNames),
            "max_steps": String(data.maxSteps),
        ]
        return TrainedLesson(
            trace: trace, tensors: model.namedTensors,
            metadata: setup.metadata(file: file, vocabulary: data.vocabulary.tokens, extra: extra),
            trainingSeconds: record.seconds, evaluationSeconds: record.evaluationSeconds, snapshotWeights: record.snapshotWeights)
    }

    /// The shown input: `show.input` or the first held-out input, its vector, and its output
    /// when the lesson's examples have it.
    static func shownInput(
        _ file: LessonFile, _ data: GenerationDataset
    ) throws -> (input: String, vector: [Float], expected: [String]?) {
        let input = file.lesson.show.input ?? (data.test.first ?? data.train[0]).input
        let vector: [Float]
        do { vector = try data.inputVector(input) } catch let error as LessonError {
            throw file.error(at: ["show", "input"], error.description)
        }
        let expected = (data.test + data.train).first { $0.input == input }?.output
        return (input, vector, expected)
    }

    /// What `model` writes for each of `examples`.
    static func written(_ model: SequenceModel, _ data: GenerationDataset, _ examples: [GenerationDataset.Example]) -> [GeneratedExample] {
        let outputs = data.generate(model, examples.map { (try? data.inputVector($0.input)) ?? [] })
        return zip(examples, outputs).map { example, written in
            GeneratedExample(input: example.input, expected: example.output.joined(), generated: written.output.joined())
        }
    }

    static func exactShare(_ examples: [GeneratedExample]) -> Double {
        Double(examples.filter(\.isExact).count) / Double(max(examples.count, 1))
    }

    /// The snapshot of what the network wrote at one iteration: each character (and the end
    /// token, when written) with its probability, right where it matches the expected output.
    static func snapshot(
        _ written: (output: [String], distributions: [[Float]]), iteration: Int, loss: Double, data: GenerationDataset,
        expected: [String]?
    ) -> Snapshot {
        let choices = written.distributions.map(\.indexOfLargest)
        let tokens = choices.map { data.vocabulary.tokens[$0] }
        let wanted = expected.map { $0 + [data.endToken] }
        return Snapshot(
            iteration: iteration, loss: loss, predicted: tokens, probability: zip(written.distributions, choices).map { $0[$1] },
            correct: wanted.map { wanted in tokens.indices.map { $0 < wanted.count && wanted[$0] == tokens[$0] } } ?? [])
    }

    /// "“42” → “forty-two”; 19 of 20 held-out outputs exactly right (95.0%)".
    static func summary(_ input: String, _ output: [String], heldOut: [GeneratedExample]) -> String {
        let shown = "“\(input)” → “\(output.joined())”"
        guard !heldOut.isEmpty else { return shown }
        let exact = heldOut.filter(\.isExact).count
        return shown + String(format: "; %d of %d held-out outputs exactly right (%.1f%%)", exact, heldOut.count, exactShare(heldOut) * 100)
    }
}
