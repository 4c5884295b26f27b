import Foundation
import RNNCore
import Testing

@testable import RNNLessons
import RNNTrace

/// The generated memory tasks are what they say, the same for the same seed, and their lesson
/// keys are checked as any other.
@Suite("Generated data")
struct GeneratedDataTests {
    @Test("the adding problem: two markers, one in each half, the target their values' sum", arguments: [2, 3, 10, 101])
    func adding(length: Int) {
        let task = AddingProblem(length: length)
        var generator = SeededGenerator(seed: 9)
        let examples = task.draw(200, &generator)
        for example in examples {
            #expect(example.values.count == length && example.values.allSatisfy { (0..<1).contains($0) })
            #expect((0..<length / 2).contains(example.marked.first))
            #expect((length / 2..<length).contains(example.marked.second))
            #expect(example.target == example.values[example.marked.first] + example.values[example.marked.second])
        }
        // The batch the engine reads: time-major, [value, marker] at every step, one target per sequence.
        let batch = task.batch(examples)
        #expect(batch.steps == length && batch.batch == 200 && batch.features == 2 && batch.values.values == examples.map(\.target))
        for (b, example) in examples.enumerated() {
            let rows = (0..<length).map { t in (batch.input.pointer + (t * 200 + b) * 2) }
            #expect(rows.map { $0[0] } == example.values)
            #expect(rows.indices.filter { rows[$0][1] == 1 } == [example.marked.first, example.marked.second])
            #expect(rows.allSatisfy { $0[1] == 0 || $0[1] == 1 })
        }
        // Predicting the mean (1) scores about 1/6.
        var large = SeededGenerator(seed: 10)
        let score = task.score(Array(repeating: [1], count: 20_000), task.draw(20_000, &large))
        #expect(abs(score["test_mse"]! - 1.0 / 6) < 0.01 && score["test_mse"] == score["baseline_mse"])
    }

    @Test("remember: a letter first, then distractor digits; the target is the letter")
    func remember() {
        let task = RememberTask(length: 12, symbols: 5)
        #expect(task.vocabulary == ["A", "B", "C", "D", "E"] + RememberTask.distractors && task.outputSize == 5)
        var generator = SeededGenerator(seed: 3)
        let examples = task.draw(300, &generator)
        for example in examples {
            #expect(example.tokens.count == 12 && (0..<5).contains(example.tokens[0]) && example.target == example.tokens[0])
            #expect(example.tokens.dropFirst().allSatisfy { (5..<task.inputSize).contains($0) })
        }
        #expect(Set(examples.map(\.target)) == Set(0..<5), "every letter is drawn")
        let batch = task.batch(examples)
        #expect(batch.classes == examples.map(\.target) && batch.hotIndices?.count == 12 * 300)
        #expect(task.stepLabels(examples[0]).first == task.letters[examples[0].target])
        // Always answering the first letter is right about one time in five.
        let guess = task.score(Array(repeating: [1, 0, 0, 0, 0], count: 300), examples)["test_accuracy"]!
        #expect(abs(guess - 0.2) < 0.07)
    }

    @Test("the same seed draws the same sequences; the test set is the same for every seed")
    func seeded() throws {
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5), c = SeededGenerator(seed: 6)
        let task = AddingProblem(length: 20)
        #expect(task.draw(10, &a).map(\.values) == task.draw(10, &b).map(\.values))
        #expect(task.draw(10, &a).map(\.values) != task.draw(10, &c).map(\.values))
        let lesson = try LessonFile(contentsOf: LessonTestSupport.lessons.appendingPathComponent("experiments/adding.yaml")).lesson
        var other = lesson
        other.train.seed = 1
        #expect(
            MemoryTaskRunner.testExamples(task, lesson).map(\.values) == MemoryTaskRunner.testExamples(task, other).map(\.values))
    }

    @Test(
        "generated data is checked like any lesson key",
        arguments: [
            ("task: regression\ndata: { generate: remember }", "lesson.yaml:6:19: data.generate: remember is a classify task; expected task: classify, or generate: adding"),
            ("task: classify\ndata: { generate: adding }", "lesson.yaml:6:19: data.generate: adding is a regression task; expected task: regression, or generate: remember"),
            ("task: regression\ndata: { generate: adding, csv: a.csv }", "lesson.yaml:6:27: data.csv: not used with generated data; expected generate, length, symbols, examples or test_examples"),
            ("task: regression\ndata: { generate: adding, symbols: 3 }", "lesson.yaml:6:27: data.symbols: only for generate: remember, reverse, copy or sort"),
            ("task: regression\ndata: { generate: adding, length: 1 }", "lesson.yaml:6:35: data.length: 1 is not a length for adding; expected one length from 2 to 10000"),
            ("task: classify\ndata: { generate: remember, symbols: 27 }", "lesson.yaml:6:38: data.symbols: 27 is not a symbol count; expected 2 to 26"),
            ("task: classify\ndata: { length: 5 }", "lesson.yaml:6:7: data.tsv: missing; a classify lesson needs tsv (text<TAB>label lines) and labels, or generate"),
            ("task: regression\ndata: { generate: sorting }", "lesson.yaml:6:19: data.generate: \"sorting\" is not generated data; expected adding, remember, reverse, copy or sort"),
        ])
    func wrongKeys(taskAndData: String, expected: String) throws {
        let text = """
            name: memory
            title: memory
            source: test
            # the task and data follow
            \(taskAndData)
            model: { cell: gru, hidden: 4 }
            train: { learning_rate: 0.01, iterations: 2 }
            """
        #expect(try LessonTestSupport.loadError(text) == expected)
    }

    @Test("adding and remember lessons run, trace the held-out sequence and measure the gradient flow at its marked steps")
    func lessonsRun() throws {
        for (name, metric) in [("adding", "test_mse"), ("remember", "test_accuracy")] {
            var file = try LessonFile(contentsOf: LessonTestSupport.lessons.appendingPathComponent("experiments/\(name).yaml"))
            file.lesson.train.iterations = 3
            file.lesson.data.length = 8...8
            file.lesson.data.testExamples = 20
            let folder = try LessonTestSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let trace = try LessonRunner(outputFolder: folder).run(file).trace
            #expect(trace.steps.count == 8 && trace.steps.last?.prediction != nil && trace.steps.dropLast().allSatisfy { $0.prediction == nil })
            #expect(trace.metric?.name == metric && trace.result[metric] != nil)
            let flow = try #require(trace.gradientFlow)
            #expect(flow.outputStep == 7 && flow.trained[0].count == 8 && flow.initial?[0].count == 8)
            #expect(flow.keySteps == (name == "adding" ? trace.steps.indices.filter { trace.steps[$0].inputToken.hasPrefix("[") } : [0]))
            #expect(trace.snapshots.map(\.iteration) == file.lesson.snapshotIterations)
        }
    }
}
