import RNNCore
import RNNTrace

extension LoadedModel {
    /// A classifier read any text: each step's token and values, the label probabilities after
    /// every token (the evidence), the answer; unknown tokens named in a note.
    func classifierTrace(_ model: SequenceModel, input: ModelInput) throws -> TracedInput {
        guard let file else { preconditionFailure("a classify lesson's model has its file") }
        let data = try TextClassificationDataset.load(from: file)
        let tokens: [String], target: Int?
        switch input {
        case .features: throw LessonError("\(lesson.name) is a classify lesson; it reads a text (--input \"…\")")
        case .text(let text):
            tokens = data.tokens(of: text)
            guard !tokens.isEmpty else { throw LessonError("the text has no \(data.tokenKind.rawValue); expected a sentence") }
            target = (data.test + data.train).first { $0.tokens == tokens }?.label
        case .lessonDefault: (tokens, target) = try TextClassifierRunner.shownText(file, data)
        }
        let pass = ClassifierSteps(model: model, data: data, tokens: tokens, target: target)
        let text = data.tokenKind == .words ? WordTokenizer().detokenize(tokens) : tokens.joined()
        let answer = data.labels[pass.predicted]
        var notes: [String] = []
        let unknown = pass.classification.unknownTokens
        if !unknown.isEmpty {
            let kind = data.tokenKind == .words ? "words" : "characters"
            notes.append("I don't know the \(kind) \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) (read as nothing, \(Vocabulary.unk))")
        }
        var trace = makeTrace(
            info: ModelInfo(model), steps: pass.steps, shown: "“\(text)”",
            summary: String(format: "“%@” → %@ (%.2f)", text, answer, pass.probabilities[pass.predicted]))
        trace.classification = pass.classification
        return TracedInput(trace: trace, notes: notes, answer: answer, unknownWords: unknown)
    }

    /// A generating model from any input: each step's values and the character written, until
    /// the end token.
    func generationTrace(_ model: SequenceModel, input: ModelInput) throws -> TracedInput {
        guard let file else { preconditionFailure("a generate lesson's model has its file") }
        let data = try GenerationDataset.load(from: file)
        let text: String
        switch input {
        case .features: throw LessonError("\(lesson.name) is a generate lesson; it reads one short input (--input \"42\")")
        case .text(let given): text = given
        case .lessonDefault: text = try GenerationRunner.shownInput(file, data).input
        }
        let vector = try data.inputVector(text)
        let expected = (data.test + data.train).first { $0.input == text }?.output
        let pass = GenerationSteps(model: model, data: data, input: text, vector: vector, expected: expected)
        let written = pass.output.joined()
        var trace = makeTrace(
            info: ModelInfo(model, featureNames: data.encoding.featureNames), steps: pass.steps, shown: "“\(text)”",
            summary: "“\(text)” → “\(written)”" + (expected.map { $0.joined() == written ? " (right)" : " (expected “\($0.joined())”)" } ?? ""))
        trace.generation = GenerationTrace(input: text, endToken: data.endToken, heldOut: [])
        return TracedInput(trace: trace, notes: [], answer: written)
    }
}
