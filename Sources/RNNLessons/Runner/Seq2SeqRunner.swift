import Foundation
import RNNCore
import RNNTrace

/// Trains a seq2seq lesson (the lecture's chatbot): an encoder–decoder with attention on
/// question–answer pairs, mini-batches in a seeded order, and greedy answers to judge it.
struct Seq2SeqRunner: TaskRunner {
    func metric(for lesson: Lesson) -> HeadlineMetric? { nil }

    func train(_ file: LessonFile, control: RunControl) throws -> TrainedLesson {
        let data = try DialogDataset.load(from: file)
        let lesson = file.lesson.withBatchSize(examples: data.count)
        let question = try Self.shownQuestion(file, data)
        let source = data.vocabulary.encode(question).indices
        let expected = data.answer(to: question)
        let maxLength = data.longestAnswer + 5

        var generator = SeededGenerator(seed: lesson.train.seed)
        let model = Seq2SeqLessonModel.make(lesson, vocabularySize: data.vocabulary.count, generator: &generator)
        let optimizer = lesson.makeOptimizer(for: model.parameters)
        var plan = BatchPlan(count: data.count, size: lesson.train.batch, generator: generator)
        // The final model is judged a training batch's worth of pairs at a time (one batch of the
        // whole corpus would allocate tens of megabytes, and was several times slower).
        let judged = max(1, lesson.train.batch ?? data.count)

        // Train, answering the shown question at every iteration.
        let snapshotIterations = Set(lesson.snapshotIterations)
        var predictions: [String] = [], right: [Bool] = []
        var kept: [Int: Decoding] = [:]
        let record = try TrainingLoop.run(
            lesson, control: control, weights: { model.namedTensors },
            observe: { iteration in
                // The steps of the answer are kept at snapshots only; otherwise its tokens are
                // enough, which the batch decoder finds without recording every step.
                let tokens: [Int]
                if snapshotIterations.contains(iteration) {
                    let decoding = model.greedyDecode(source, maxLength: maxLength)
                    kept[iteration] = decoding
                    tokens = decoding.tokens
                } else {
                    tokens = model.greedyAnswers([source], maxLength: maxLength)[0]
                }
                let words = data.vocabulary.decode(tokens)
                predictions.append(data.text(of: words))
                right.append(words == expected)
            },
            step: { _ in model.trainStep(data.batch(plan.next()), optimizer: optimizer, clip: lesson.clipLimit) },
            finalLoss: {
                Double(
                    Seq2SeqLessonModel.loss(
                        of: model,
                        on: stride(from: 0, to: data.count, by: judged).map { data.batch(Array($0..<min($0 + judged, data.count))) }))
            })
        let losses = record.losses
        let snapshots = kept.keys.sorted().map { iteration in
            Seq2SeqLessonModel.snapshot(kept[iteration]!, iteration: iteration, loss: losses[iteration], expected: expected, data.vocabulary)
        }
        let firstRight = expected == nil ? nil : TrainingLoop.firstStayingTrue(right)

        // Judge the final model's greedy answers to every training pair, a training batch's worth
        // at a time.
        var answers: [[Int]] = []
        for first in stride(from: 0, to: data.count, by: judged) {
            answers += model.greedyAnswers((first..<min(first + judged, data.count)).map { data.sources[$0] }, maxLength: maxLength)
        }
        let finalLoss = record.finalLoss
        let answered = (0..<data.count).filter { answers[$0] == data.targets[$0] }
        var result: [String: Double] = [
            "final_loss": finalLoss,
            "answer_accuracy": Double(answered.count) / Double(data.count),
            "pairs": Double(data.count),
            "vocabulary_size": Double(data.vocabulary.count),
            "iterations": Double(lesson.train.iterations),
        ]
        if let firstRight { result["first_correct_iteration"] = Double(firstRight) }

        // The final model answering the shown question, step by step.
        let traced = Seq2SeqSteps(
            model: model, vocabulary: data.vocabulary, question: question, expected: expected, maxLength: maxLength)
        let final = traced.decoding
        let answer = data.text(of: data.vocabulary.decode(final.tokens))
        let steps = traced.steps
        let decoder = traced.decoder

        let summary = "answered \(answered.count) of \(data.count) training questions exactly; "
            + "\"\(data.text(of: question))\" → \"\(answer)\"" + String(format: ", final loss %.4f", finalLoss)
        let info = ModelInfo(model)
        let trace = LessonTrace(
            lesson: lesson.info,
            model: info, vocabulary: data.vocabulary.tokens,
            training: TrainingHistory(
                loss: losses, predictions: predictions, firstCorrectIteration: firstRight, optimizer: lesson.optimizerCaption),
            snapshots: snapshots, steps: steps, decoder: decoder, result: result, summary: summary)
        let metadata = Seq2SeqLessonModel.metadata(model, file: file, vocabulary: data.vocabulary, maxLength: maxLength)
        return TrainedLesson(
            trace: trace, tensors: model.namedTensors, metadata: metadata, trainingSeconds: record.seconds,
            evaluationSeconds: record.evaluationSeconds, snapshotWeights: record.snapshotWeights, notes: data.notes)
    }

    /// `show.input` as words, or the first question; unknown words are an error naming them.
    static func shownQuestion(_ file: LessonFile, _ data: DialogDataset) throws -> [String] {
        guard let text = file.lesson.show.input else { return data.questions[0] }
        let words = DialogDataset.tokenizer.tokenize(text)
        let unknown = data.vocabulary.encode(words).unknown
        guard !words.isEmpty, unknown.isEmpty else {
            let what = words.isEmpty ? "no words" : "words the dialogs never use: \(unknown.joined(separator: ", "))"
            throw file.error(at: ["show", "input"], "\"\(text)\" has \(what); expected a question in the dialogs' words")
        }
        return words
    }
}
