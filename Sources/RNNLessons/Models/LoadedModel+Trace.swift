import Foundation
import RNNCore
import RNNTrace

/// What to run a model on.
public enum ModelInput: Sendable {
    /// The lesson's shown input (for a model from outside: its vocabulary in order).
    case lessonDefault
    /// Characters for a character model, a question for a seq2seq model.
    case text(String)
    /// Feature vectors, `[steps][features]`, for a character model (no tokens: steps are `x0`, `x1`, …).
    case features([[Float]])
}

/// A model's trace on one input, with what the user should be told about the input.
public struct TracedInput {
    /// Everything the step viewer, the tables and the figures draw.
    public var trace: LessonTrace
    /// One line each: unknown words read as `<unk>`, a truncated question, an unused `--input`.
    public var notes: [String]
    /// For seq2seq: the answer as text.
    public var answer: String?
    /// For seq2seq: the question's words the vocabulary does not know.
    public var unknownWords: [String] = []
}

extension LoadedModel {
    /// The longest question the encoder reads; longer ones are cut with a note.
    public static let maximumQuestionWords = 40

    /// Runs the model on `input` and traces every step: the input token, x, each layer's h, c
    /// and gates, the prediction (and the target when the lesson's data knows it); for seq2seq
    /// the encoder's steps then the decoder's, answering with `beam` hypotheses.
    ///
    /// With `interventions` the network computes as they say ("what if the forget gate were 0?");
    /// the trace then has no gradients (backward passes do not know the interventions).
    ///
    /// - Throws: `LessonError` (one line) for characters outside the vocabulary (naming them and
    ///   listing the vocabulary), an empty input, or features of the wrong width.
    ///   A value the network computes that is not finite (weights or input too large) is a
    ///   `LessonError` naming where it appeared.
    public func trace(_ input: ModelInput, beam: Int = 1, interventions: Interventions? = nil) throws -> TracedInput {
        let steps: Int
        switch input {
        case .lessonDefault: steps = 0
        case .text(let text): steps = text.count
        case .features(let rows): steps = rows.count
        }
        guard steps <= LessonLimits.shownSteps else {
            throw LessonError("the input has \(steps) steps; expected at most \(LessonLimits.shownSteps)")
        }
        var traced: TracedInput
        if let interventions, !interventions.isEmpty {
            traced = try withInterventions(interventions) { try plainTrace(input, beam: beam, forcing: interventions.forcing) }
            traced.trace.withoutGradients()
        } else {
            traced = try plainTrace(input, beam: beam, forcing: [:])
        }
        if let value = NonFiniteValue.first(in: traced.trace) {
            throw LessonError(
                "\(lesson.name) \(weightsDescription) computes a value that is not finite on this input (\(value)); "
                    + "expected weights and inputs small enough for 32-bit floats")
        }
        return traced
    }

    private func plainTrace(_ input: ModelInput, beam: Int, forcing: [Int: Int]) throws -> TracedInput {
        switch network {
        case .sequence(let model) where file?.lesson.data.generate != nil:
            return try memoryTaskTrace(model, input: input)
        case .sequence(let model) where task == .classify:
            return try classifierTrace(model, input: input)
        case .sequence(let model) where task == .generate:
            return try generationTrace(model, input: input)
        case .sequence(let model) where model.shape.readout == .lastStep:
            return try regressionTrace(model, input: input)
        case .sequence(let model):
            return try characterTrace(model, input: input)
        case .seq2seq(let model, let maxAnswerLength):
            return try seq2seqTrace(model, input: input, maxLength: maxAnswerLength, beam: beam, forcing: forcing)
        }
    }

    /// The characters of `text`, each in the vocabulary; otherwise an error naming the others.
    public func characters(of text: String, what: String = "the input") throws -> [String] {
        let characters = text.map(String.init)
        guard !characters.isEmpty else { throw LessonError("\(what) is empty; expected characters from \(vocabularyListing)") }
        let unknown = vocabulary.encode(characters).unknown
        guard unknown.isEmpty else {
            let more = unknown.count > 10 ? " and \(unknown.count - 10) more" : ""
            let named = unknown.prefix(10).map { Excerpt.quoted($0) }.joined(separator: ", ") + more
            throw LessonError("\(what) has characters \(lesson.name) does not know: \(named); expected characters from \(vocabularyListing)")
        }
        return characters
    }

    /// Which weights these are, for titles: "at iteration 6", "at iteration 50 (trained)", or
    /// "(a model from char.safetensors)".
    public var weightsDescription: String {
        if let iteration { return "at iteration \(iteration)" }
        guard file != nil else { return "(a model from \(lesson.source))" }
        return metadata["iterations"].map { "at iteration \($0) (trained)" } ?? "(trained)"
    }

    /// The vocabulary as `"h" "i" "e" "l" "o"`.
    var vocabularyListing: String { vocabulary.tokens.map { "\"\($0)\"" }.joined(separator: " ") }

    private func characterTrace(_ model: SequenceModel, input: ModelInput) throws -> TracedInput {
        let labels: [String], tensor: Tensor
        var targets: [String]?
        let data = try file.map { try CharacterDataset.load(from: $0) }
        switch input {
        case .features(let rows):
            guard !rows.isEmpty else { throw LessonError("the input has no steps; expected [steps][features]") }
            if let bad = rows.firstIndex(where: { $0.count != model.shape.inputSize }) {
                throw LessonError("input step \(bad) has \(rows[bad].count) features; the model takes \(model.shape.inputSize)")
            }
            labels = rows.indices.map { "x\($0)" }
            tensor = Tensor(shape: [rows.count, 1, model.shape.inputSize], values: rows.flatMap { $0 })
        case .text, .lessonDefault:
            try requireOneHot(model)
            if case .text(let text) = input {
                labels = try characters(of: text)
            } else if let file, let data {
                labels = try NextCharacterRunner.shownInput(file, data)
            } else {
                labels = vocabulary.tokens
            }
            targets = data?.continuation(of: vocabulary.encode(labels).indices).map(vocabulary.decode)
            tensor = OneHot.tensor(vocabulary.encode(labels).indices, classes: vocabulary.count)
        }
        let pass = CharacterSteps(model: model, vocabulary: vocabulary, labels: labels, input: tensor, targets: targets)
        let predicted = vocabulary.decode(pass.prediction.indices).joined()
        var summary = "\"\(labels.joined())\" → \"\(predicted)\""
        if let targets { summary += " (the text goes on \"\(targets.joined())\")" }
        var shown = "“\(labels.joined())”"
        if case .features(let rows) = input { shown = "\(rows.count) input vectors" }
        var trace = makeTrace(info: ModelInfo(model), steps: pass.steps, shown: shown, summary: summary)
        let last = labels.count - 1
        let target = targets.map { vocabulary.encode($0).indices[last] } ?? pass.prediction.indices[last]
        trace.gradientFlow = GradientFlowProbe(input: tensor, steps: labels.count, target: { _ in .classIndex(target) }).trace(model)
        return TracedInput(trace: trace, notes: [])
    }

    private func regressionTrace(_ model: SequenceModel, input: ModelInput) throws -> TracedInput {
        guard let file else { throw LessonError("\(lesson.name): a regression model needs its lesson's data") }
        let data = try SeriesDataset.load(from: file)
        let reduction = RegressionSteps.reduction(file.lesson)
        let window = try RegressionSteps.shownWindow(file, data)
        let period = RegressionSteps.period(file.lesson)
        let steps: [StepTrace], shown: String, summary: String
        var notes: [String] = []
        switch input {
        case .features(let days):
            steps = try RegressionSteps.steps(
                model: model, data: data, days: days.map { $0.map(Double.init) }, reduction: reduction, period: period)
            shown = "your \(days.count)-\(period) window"
            summary = "your \(days.count)-\(period) window: forecast \(data.targetName) \(steps.last?.prediction ?? "?")"
        case .text, .lessonDefault:
            if case .text = input {
                notes.append(
                    "\(lesson.name) is a regression lesson: --input is not used; it shows its saved test window \(window) "
                        + "(show.window), or your own \(period)s with --input-json FILE ([\(period)s][\(data.featureNames.joined(separator: ", "))])")
            }
            steps = RegressionSteps.steps(model: model, data: data, window: window, reduction: reduction, period: period)
            shown = "test window \(window)"
            summary = "test window \(window): forecast \(steps.last?.prediction ?? "?"), actual \(steps.last?.target ?? "?")"
        }
        var trace = makeTrace(info: ModelInfo(model, featureNames: data.featureNames), steps: steps, shown: shown, summary: summary)
        trace.forecast = RegressionSteps.forecast(model: model, data: data, lesson: file.lesson.withBatchSize(examples: data.train.count))
        if case .features = input {} else {
            let shownWindow = data.test.batch([window])
            trace.gradientFlow = GradientFlowProbe(
                input: shownWindow.input, steps: shownWindow.steps, target: { _ in .values([data.test.targets[window]]) }
            ).trace(model)
        }
        return TracedInput(trace: trace, notes: notes)
    }

    /// A lesson on generated data shows its first held-out sequence.
    private func memoryTaskTrace(_ model: SequenceModel, input: ModelInput) throws -> TracedInput {
        guard let file else { preconditionFailure("a generated lesson has its file") }
        switch MemoryTaskRunner.task(file.lesson) {
        case .adding(let task): return try memoryTaskTrace(model, task: task, input: input)
        case .remember(let task): return try memoryTaskTrace(model, task: task, input: input)
        }
    }

    private func memoryTaskTrace<T: MemoryTask>(_ model: SequenceModel, task: T, input: ModelInput) throws -> TracedInput {
        guard let file else { preconditionFailure("a generated lesson has its file") }
        var notes: [String] = []
        if case .lessonDefault = input {} else {
            notes.append("\(lesson.name) generates its data: it shows its first held-out sequence; --input is not used")
        }
        let example = MemoryTaskRunner.testExamples(task, file.lesson)[0]
        let reduction = file.lesson.task == .regression ? RegressionSteps.reduction(file.lesson) : nil
        let steps = MemoryTaskRunner.steps(model: model, task: task, example: example, reduction: reduction)
        var trace = makeTrace(
            info: ModelInfo(model, featureNames: task.featureNames), steps: steps, shown: "held-out sequence 0",
            summary: "held-out sequence 0: predicted \(steps.last?.prediction ?? "?"), target \(steps.last?.target ?? "?")")
        let batch = task.batch([example])
        let probe = GradientFlowProbe(
            input: batch.input, steps: batch.steps, hotIndices: batch.hotIndices, target: { _ in task.stepTarget(example) })
        trace.gradientFlow = MemoryTaskRunner.marked(probe.trace(model), task, example)
        return TracedInput(trace: trace, notes: notes)
    }

    private func seq2seqTrace(
        _ model: Seq2SeqModel, input: ModelInput, maxLength: Int, beam: Int, forcing: [Int: Int]
    ) throws -> TracedInput {
        if let file, file.lesson.data.generate != nil {
            return try transductionTrace(model, file: file, input: input, maxLength: maxLength, beam: beam, forcing: forcing)
        }
        let data = try file.map { try DialogDataset.load(from: $0) }
        var words: [String]
        var notes: [String] = []
        switch input {
        case .features: throw LessonError("\(lesson.name) is a seq2seq lesson; it reads a question as text")
        case .text(let text): words = DialogDataset.tokenizer.tokenize(text)
        case .lessonDefault:
            if let file, let data { words = try Seq2SeqRunner.shownQuestion(file, data) } else { words = [] }
        }
        guard !words.isEmpty else { throw LessonError("the question has no words") }
        if words.count > Self.maximumQuestionWords {
            notes.append("the question has \(words.count) words; only the first \(Self.maximumQuestionWords) are read")
            words = Array(words.prefix(Self.maximumQuestionWords))
        }
        let unknown = vocabulary.encode(words).unknown
        if !unknown.isEmpty { notes.append("I don't know: \(unknown.joined(separator: ", ")) (read as \(Vocabulary.unk))") }
        let expected = data?.answer(to: words)
        let steps = Seq2SeqSteps(
            model: model, vocabulary: vocabulary, question: words, expected: expected, maxLength: maxLength, beam: max(beam, 1),
            forcing: forcing)
        let write = { (words: [String]) in data?.text(of: words) ?? DialogDataset.tokenizer.detokenize(words) }
        let answer = write(vocabulary.decode(steps.decoding.tokens))
        let question = write(words)
        var trace = makeTrace(info: ModelInfo(model), steps: steps.steps, shown: "“\(question)”", summary: "\"\(question)\" → \"\(answer)\"")
        trace.decoder = steps.decoder
        return TracedInput(trace: trace, notes: notes, answer: answer, unknownWords: unknown)
    }

    /// A model of generated strings answering a string of its letters (`--input`), or its lesson's
    /// shown held-out string.
    private func transductionTrace(
        _ model: Seq2SeqModel, file: LessonFile, input: ModelInput, maxLength: Int, beam: Int, forcing: [Int: Int]
    ) throws -> TracedInput {
        let task = TransductionRunner.task(file.lesson)
        let source: [Int]
        switch input {
        case .features: throw LessonError("\(lesson.name) is a seq2seq lesson; it reads a string of letters")
        case .text(let text):
            let encoded = vocabulary.encode(text.map(String.init))
            guard encoded.unknown.isEmpty, (1...TransductionTask.longest).contains(encoded.indices.count) else {
                throw LessonError(
                    "\"\(text)\" is not a string of \(lesson.name)'s letters; expected 1 to \(TransductionTask.longest) of "
                        + task.letters.joined())
            }
            source = encoded.indices
        case .lessonDefault:
            source = try TransductionRunner.shownPair(file, task, TransductionRunner.testSets(task, file.lesson)).source
        }
        let question = vocabulary.decode(source), expected = vocabulary.decode(task.answer(to: source))
        let steps = Seq2SeqSteps(
            model: model, vocabulary: vocabulary, question: question, expected: expected, maxLength: maxLength, beam: max(beam, 1),
            forcing: forcing)
        let answer = vocabulary.decode(steps.decoding.tokens).joined()
        var trace = makeTrace(
            info: ModelInfo(model), steps: steps.steps, shown: "“\(question.joined())”",
            summary: "\"\(question.joined())\" → \"\(answer)\" (\(task.kind.rawValue): \"\(expected.joined())\")")
        trace.decoder = steps.decoder
        return TracedInput(trace: trace, notes: [], answer: answer)
    }

    /// A trace of this model with `steps`, no training history, titled with the weights and the
    /// input `shown` — the weights first, so that a long input is what a narrow figure cuts:
    /// "hello at iteration 6: “hell”".
    func makeTrace(info: ModelInfo, steps: [StepTrace], shown: String, summary: String) -> LessonTrace {
        let title = "\(lesson.name) \(weightsDescription): \(shown)"
        return LessonTrace(
            lesson: LessonInfo(name: lesson.name, title: title, source: lesson.source, task: lesson.task),
            model: info, vocabulary: vocabulary.tokens,
            training: TrainingHistory(loss: [], optimizer: metadata["optimizer"] ?? "trained elsewhere"),
            snapshots: [], steps: steps, result: [:], summary: summary)
    }
}
