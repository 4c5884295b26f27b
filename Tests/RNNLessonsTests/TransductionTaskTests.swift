import Foundation
import RNNCore
import Testing

@testable import RNNLessons
import RNNTrace

/// Generated seq2seq strings: the answer is what the task says, the lengths what the lesson asks,
/// and the lesson keys are checked.
@Suite("Generated strings for encoder–decoders")
struct TransductionTaskTests {
    @Test("reverse, copy and sort answer each string as their names say", arguments: [GeneratedData.reverse, .copy, .sort])
    func answers(kind: GeneratedData) {
        let task = TransductionTask(kind: kind, symbols: 6, lengths: 3...9)
        #expect(task.letters == ["a", "b", "c", "d", "e", "f"] && task.vocabulary.count == Vocabulary.specialTokens.count + 6)
        var generator = SeededGenerator(seed: 12)
        var lengths = Set<Int>()
        for _ in 0..<400 {
            let pair = task.draw(&generator)
            lengths.insert(pair.source.count)
            let letters = task.vocabulary.decode(pair.source), answer = task.vocabulary.decode(pair.target)
            #expect(letters.allSatisfy { task.letters.contains($0) })
            switch kind {
            case .reverse: #expect(answer == letters.reversed())
            case .sort: #expect(answer == letters.sorted())
            default: #expect(answer == letters)
            }
        }
        #expect(lengths == Set(3...9), "every length of the range is drawn")
        #expect(task.testLengths == 3...14)
    }

    @Test("batches keep every pair, in the order that skips the most padding")
    func batch() {
        let task = TransductionTask(kind: .reverse, symbols: 4, lengths: 2...6)
        var generator = SeededGenerator(seed: 1)
        let pairs = (0..<9).map { _ in task.draw(&generator) }
        let batch = TransductionTask.batch(pairs)
        // Each answer has its letters and <eos>.
        #expect(batch.size == 9 && batch.targetLengths.sorted() == pairs.map { $0.target.count + 1 }.sorted())
        #expect(batch.targetLengths == Seq2SeqBatch.decodingOrder(answerLengths: batch.targetLengths).map { batch.targetLengths[$0] })
    }

    @Test("accuracy per token and exact match")
    func scores() {
        let targets = [[5, 6, 7], [5, 5]]
        #expect(TransductionRunner.tokenAccuracy([[5, 6, 8], [5]], targets) == 3.0 / 5)
        #expect(TransductionRunner.exactMatch([[5, 6, 7], [5]], targets) == 0.5)
        #expect(TransductionRunner.exactMatch([[5, 6, 7, 9], [5, 5]], targets) == 0.5, "a longer answer is not exact")
    }

    @Test(
        "generated strings are checked like any lesson key",
        arguments: [
            ("{ generate: reverse, length: [9, 4] }", "lesson.yaml:6:36: data.length: [9, 4] is an empty range; expected a length from 1 to 10000, or [shortest, longest]"),
            ("{ generate: reverse, length: [3, 300] }", "lesson.yaml:6:36: data.length: 300 is beyond the decoder's limit; expected lengths up to 200"),
            ("{ generate: reverse, symbols: 1 }", "lesson.yaml:6:37: data.symbols: 1 is not a symbol count; expected 2 to 26"),
            ("{ generate: adding, length: [3, 9] }", "lesson.yaml:6:19: data.generate: adding is a regression task; expected task: regression, or generate: reverse, copy or sort"),
            ("{ generate: reverse, length: fifty }", "lesson.yaml:6:36: data.length: not a length; expected a length from 1 to 10000, or [shortest, longest]"),
            ("{ generate: sort, dialogs: d.tsv }", "lesson.yaml:6:25: data.dialogs: not used with generated data; expected generate, length, symbols, examples or test_examples"),
        ])
    func wrongKeys(data: String, expected: String) throws {
        let text = """
            name: strings
            title: strings
            source: test
            task: seq2seq
            # the data follow
            data: \(data)
            model: { cell: gru, hidden: 8, embedding: 4 }
            train: { learning_rate: 0.01, iterations: 2 }
            """
        #expect(try LessonTestSupport.loadError(text) == expected)
    }

    @Test("a reversal lesson runs: held-out scores at every test length, a traced string, examples with attention")
    func lessonRuns() throws {
        var file = try LessonFile(contentsOf: LessonTestSupport.lessons.appendingPathComponent("experiments/why-attention.yaml"))
        file.lesson.train.iterations = 2
        file.lesson.model.hidden = .size(8)
        file.lesson.model.embedding = 4
        file.lesson.data.length = 2...5
        file.lesson.data.testExamples = 3
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let trace = try LessonRunner(outputFolder: folder).run(file).trace
        for length in 2...10 {
            for measure in ["exact_match", "beam_exact_match", "token_accuracy"] {
                #expect(trace.result["\(measure)_length_\(length)"] != nil, "\(measure) at \(length)")
            }
        }
        #expect(trace.result["exact_match_longest"] == trace.result["exact_match_length_5"])
        #expect(trace.steps.count == 5 && trace.decoder != nil && trace.metric?.name == "exact_match_longest")
        #expect(trace.examples?.map(\.source.count) == [2, 5, 10] && trace.examples?.allSatisfy { $0.attention != nil } == true)
    }
}
