import Foundation
import RNNCore
import Testing

@testable import RNNLessons
import RNNTrace

/// A text kept once as indices, its windows, the held-out end, and what is evaluated of it.
@Suite("Texts as indices")
struct TextCorpusTests {
    @Test(
        "ASCII read byte by byte gives what character by character gives (a Windows line break is one character)",
        arguments: ["hihello", "to be or not\r\nto be\r\n", "a\rb\nc\r\n\r\nd", "x"])
    func asciiAsCharacters(text: String) throws {
        let corpus = try TextCorpus(text)
        let characters = text.map(String.init)
        #expect(corpus.vocabulary == Vocabulary(characters: text))
        #expect(corpus.indices.map(Int.init) == characters.map { corpus.vocabulary.index(of: $0)! })
    }

    @Test("any script: characters in order of first appearance, each a grapheme; canonically equal ones are one")
    func unicode() throws {
        let text = "안녕 👋🏽 e\u{301}té"
        let corpus = try TextCorpus(text)
        #expect(corpus.vocabulary.tokens == ["안", "녕", " ", "👋🏽", "é", "t"])
        #expect(corpus.count == text.count && corpus.indices.last == corpus.indices[5])
    }

    @Test("windows slide over the text; a pattern's continuation is found in it")
    func windows() throws {
        let data = try CharacterDataset(text: "if you want you", window: 5)
        #expect(data.exampleCount == 10 && data.sequenceLength == 5)
        let decode = { (indices: [Int]) in data.vocabulary.decode(indices).joined() }
        #expect(decode(data.training.input(2)) == " you " && decode(data.training.target(2)) == "you w")
        let shown = data.vocabulary.encode("you".map(String.init)).indices
        #expect(data.continuation(of: shown).map(decode) == "ou ")
        #expect(data.continuation(of: data.vocabulary.encode(["u"]).indices) == data.vocabulary.encode([" "]).indices)
        #expect(data.continuation(of: data.vocabulary.encode(["o", "w"]).indices) == nil)
    }

    /// The dataset of a next-char lesson with `data`, in a temporary folder with `files`.
    static func load(_ data: String, files: [String: String] = [:]) throws -> CharacterDataset {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try LessonTestSupport.write(text, named: name, in: folder) }
        let url = try LessonTestSupport.write("task: next-char\ndata: \(data)\nmodel: { cell: gru, hidden: 4 }\n", named: "t.yaml", in: folder)
        return try CharacterDataset.load(from: LessonFile(contentsOf: url))
    }

    @Test("validation holds out the end of the text: no training window reads it")
    func heldOutEnd() throws {
        let data = try Self.load("{ text: \"abcdefghijklmnopqrst\", window: 3, validation: 0.25 }")
        #expect(data.training.range == 0..<15 && data.training.count == 12)
        let held = try #require(data.validation)
        #expect(held.range == 15..<20 && held.count == 2)
        #expect(data.vocabulary.decode(held.input(0)).joined() == "pqr" && data.vocabulary.decode(held.target(1)).joined() == "rst")
        let whole = try Self.load("{ text: \"abcdefghij\", validation: 0.3 }")
        #expect(whole.training.length == 6 && whole.validation?.length == 2 && whole.validation?.count == 1)
    }

    @Test("a long text without a window is read in windows of 100, a short one is one sequence")
    func defaultWindow() throws {
        let long = String(repeating: "the quick brown fox jumps over the lazy dog. ", count: 30)
        let data = try Self.load("{ text_file: long.txt }", files: ["long.txt": long + "\n\n"])
        #expect(data.window == 100 && data.corpus.count == long.count)
        #expect(try Self.load("{ text: \"hihello\" }").window == nil)
    }

    @Test("evaluation reads every example up to its limit, else that many spread evenly; validation at 21 iterations at most")
    func samples() {
        #expect(EvaluationSample.examples(count: 5, limit: 8) == [0, 1, 2, 3, 4])
        #expect(EvaluationSample.examples(count: 10, limit: 4) == [0, 2, 5, 7])
        #expect(EvaluationSample.examples(count: 4_999_900, limit: EvaluationSample.finalLimit).count == 1_024)
        #expect(EvaluationSample.validationIterations(3) == [0, 1, 2, 3])
        let points = EvaluationSample.validationIterations(200)
        #expect(points.count == 21 && points.first == 0 && points.last == 200 && points[1] == 10)
        #expect(EvaluationSample.batches([1, 2, 3, 4, 5], size: 2) == [[1, 2], [3, 4], [5]])
    }

    @Test("evaluated a batch at a time or all at once, the loss and accuracy agree; one batch gives the loss it computes")
    func evaluationInBatches() throws {
        let data = try CharacterDataset(text: "if you want to build a ship, don't drum up people", window: 8)
        var generator = SeededGenerator(seed: 3)
        let model = SequenceModel(
            shape: SequenceModelShape(cell: .lstm, inputSize: data.vocabulary.count, hiddenSize: 6, layers: 1, outputSize: data.vocabulary.count),
            generator: &generator)
        let all = Array(0..<data.exampleCount)
        let whole = CharacterEvaluation(model: model, windows: data.training, examples: all, batchSize: all.count)
        let parts = CharacterEvaluation(model: model, windows: data.training, examples: all, batchSize: 5)
        #expect(abs(whole.loss - parts.loss) < 1e-6 && whole.accuracy == parts.accuracy && whole.rebuiltAccuracy == parts.rebuiltAccuracy)
        let batch = data.training.batch(all)
        let logits = model.forward(batch.input.pointer, steps: batch.steps, batch: batch.batch)
        #expect(whole.loss == Double(CrossEntropy.loss(logits: logits, targets: batch.classes, classes: data.vocabulary.count)))
    }

    @Test("without batch, up to 512 examples train as one batch and more in mini-batches of 64, named in the caption")
    func defaultBatch() throws {
        let hello = try LessonTestSupport.lesson("hello").lesson
        #expect(hello.batchSize(examples: 512) == nil && hello.batchSize(examples: 513) == 64)
        #expect(hello.withBatchSize(examples: 1000).optimizerCaption == "Adam, lr 0.1, seed 777, batch 64")
        var given = hello
        given.train.batch = 8
        #expect(given.batchSize(examples: 100_000) == 8)
    }

    @Test("a text lesson of many windows: default mini-batches, the final loss on a spread sample, the trace only the shown input")
    func manyWindows() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededGenerator(seed: 1)
        let words = ["the ", "cat ", "sat ", "on ", "a ", "mat. "]
        let text = (0..<800).map { _ in words[generator.nextInt(below: words.count)] }.joined()
        try LessonTestSupport.write(text, named: "words.txt", in: folder)
        let lesson = "task: next-char\ndata: { text_file: words.txt, window: 12, validation: 0.1 }\nmodel: { cell: lstm, hidden: 8 }\ntrain: { iterations: 6 }\n"
        let url = try LessonTestSupport.write(lesson, named: "words.yaml", in: folder)
        let outcome = try LessonRunner(outputFolder: folder.appendingPathComponent("out")).run(LessonFile(contentsOf: url))
        let trace = outcome.trace
        let examples = text.count - Int(Double(text.count) * 0.1) - 12
        #expect(trace.result["training_examples"] == Double(examples) && trace.result["evaluated_examples"] == 1_024)
        #expect(trace.training.optimizer == "Adam, lr 0.01, seed 777, batch 64")
        #expect(trace.steps.count == 12 && trace.training.loss.count == 7)
        #expect(trace.training.validation?.iterations == Array(0...6) && trace.result["validation_loss"] != nil)
        #expect(outcome.notes == ["words: the final loss, accuracy and rebuilt text are measured on 1024 of the \(examples) training windows, spread evenly over the text"])
    }
}
