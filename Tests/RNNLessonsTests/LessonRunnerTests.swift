import Foundation
import RNNLessons
import RNNTrace
import Testing

/// The runner's files, determinism, divergence and interruption.
@Suite("Lesson runner")
struct LessonRunnerTests {
    @Test("writes trace.json and model.safetensors; the same seed gives the same bytes")
    func deterministic() throws {
        let first = try LessonTestSupport.temporaryFolder(), second = try LessonTestSupport.temporaryFolder()
        defer { for folder in [first, second] { try? FileManager.default.removeItem(at: folder) } }
        let file = try LessonTestSupport.lesson("hello")
        let outcome = try LessonRunner(outputFolder: first).run(file)
        _ = try LessonRunner(outputFolder: second).run(file)
        let snapshots = [0, 1, 6, 9, 50].map { "iteration-\($0).safetensors" }
        #expect(outcome.files.map(\.lastPathComponent) == ["trace.json", "model.safetensors"] + snapshots)
        for name in ["trace.json", "model.safetensors"] + snapshots.map({ "snapshots/\($0)" }) {
            let a = try Data(contentsOf: first.appendingPathComponent("hello/\(name)"))
            let b = try Data(contentsOf: second.appendingPathComponent("hello/\(name)"))
            #expect(a == b, "\(name) differs between two runs with the same seed")
        }
        let other = try LessonRunner(outputFolder: second, overrides: LessonOverrides(seed: 778)).run(file)
        #expect(other.trace.training.loss != outcome.trace.training.loss)
    }

    @Test("the trace holds every field the figures need")
    func traceFields() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try LessonRunner(outputFolder: folder).run(LessonTestSupport.lesson("hello"))
        let trace = try JSONDecoder().decode(LessonTrace.self, from: Data(contentsOf: outcome.files[0]))
        #expect(trace == outcome.trace)
        #expect(trace.lesson == LessonInfo(name: "hello", title: "Teach hello: hihell -> ihello", source: "lecture lab 12-1", task: .nextCharacter))
        #expect(trace.model.parameterCount == 4 * 5 * (5 + 5 + 2) + 5 * 5 + 5)
        // Iterations 0…50: iteration 50 is the trained network, its loss the final loss.
        #expect(trace.training.loss.count == 51 && trace.training.predictions?.count == 51)
        #expect(trace.training.iterations == 50 && trace.training.loss.last == trace.result["final_loss"])
        #expect(trace.training.optimizer == "Adam, lr 0.1, seed 777")
        #expect(trace.steps.count == 6 && trace.steps.map(\.inputToken).joined() == "hihell")
        #expect(trace.steps.compactMap(\.target).joined() == "ihello")
        let step = trace.steps[1]
        #expect(step.x == [0, 1, 0, 0, 0])
        #expect(step.layers.count == 1 && step.layers[0].h.count == 5 && step.layers[0].c?.count == 5)
        #expect(Set(step.layers[0].gates.keys) == ["i", "f", "g", "o"] && step.layers[0].gates["f"]?.count == 5)
        #expect(Set(step.layers[0].preActivations.keys) == ["i", "f", "g", "o"])
        #expect(abs((step.probabilities ?? []).reduce(0, +) - 1) < 1e-5 && step.logits?.count == 5)
        // ‖∂L/∂h_t‖ comes from a backward pass: positive everywhere.
        #expect(trace.steps.allSatisfy { $0.layers[0].gradientNorm > 0 })
        let snapshot = trace.snapshots[0]
        #expect(snapshot.predicted.count == 6 && snapshot.probability.count == 6 && snapshot.correct.count == 6)
        #expect(snapshot.loss == trace.training.loss[0])

        let checkpoint = try CheckpointFile.read(outcome.files[1])
        #expect(checkpoint.metadata["cell"] == "lstm" && checkpoint.metadata["lesson"] == "hello")
        #expect(checkpoint.metadata["vocabulary"] == "[\"h\",\"i\",\"e\",\"l\",\"o\"]")
        #expect(checkpoint.metadata["readout"] == "every-step" && checkpoint.metadata["task"] == "next-char")
        #expect(checkpoint.metadata["lesson_hash"] == (try LessonTestSupport.lesson("hello").hash))
        let (model, _) = try CheckpointFile.readSequenceModel(outcome.files[1])
        #expect(model.shape.hiddenSize == 5 && model.shape.cell == .lstm)
    }

    @Test("one numbering: the progress, the loss history, the snapshots and the final loss agree")
    func iterationNumbering() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var reported: [TrainingProgress] = []
        let outcome = try LessonRunner(outputFolder: folder, overrides: LessonOverrides(iterations: 20))
            .run(LessonTestSupport.lesson("hello"), control: RunControl(progress: { reported.append($0) }))
        let trace = outcome.trace
        #expect(reported.map(\.iteration) == Array(0...20))
        for progress in reported {
            #expect(Double(progress.loss) == trace.training.loss[progress.iteration], "iteration \(progress.iteration)")
        }
        #expect(trace.training.loss.count == 21 && trace.result["final_loss"] == trace.training.loss[20])
        #expect(trace.summary.hasSuffix(String(format: "final loss %.4f", trace.training.loss[20])))
        // The last iteration is always a snapshot: the trained network, whose prediction the steps show.
        #expect(trace.snapshots.map(\.iteration) == [0, 1, 6, 9, 20])
        #expect(trace.snapshots.last?.predicted == trace.steps.compactMap(\.prediction))
        #expect(trace.snapshots.last?.loss == trace.result["final_loss"])
        #expect(outcome.notes == ["hello: snapshot 50 is past the last iteration (20) and not taken; the snapshots are 0, 1, 6, 9, 20"])
        let snapshot = try CheckpointFile.read(LessonRunner.snapshotURL(in: outcome.folder, iteration: 20))
        let model = try CheckpointFile.read(outcome.files[1])
        #expect(snapshot.tensors.mapValues(\.values) == model.tensors.mapValues(\.values))
    }

    @Test("a run with overrides writes its own folder and leaves the lesson's alone")
    func overrideFolder() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try LessonTestSupport.lesson("hello")
        let own = try LessonRunner(outputFolder: folder).run(file)
        let before = try Data(contentsOf: own.files[1])
        let changed = try LessonRunner(outputFolder: folder, overrides: LessonOverrides(cell: .gru, hidden: 8, iterations: 5)).run(file)
        #expect(changed.folder.lastPathComponent == "hello-gru-h8-i5" && changed.overrides == "--cell gru --hidden 8 --iterations 5")
        #expect(changed.files.allSatisfy { $0.path.hasPrefix(changed.folder.path + "/") })
        #expect(try Data(contentsOf: own.files[1]) == before)
        #expect(own.folder.lastPathComponent == "hello" && own.overrides.isEmpty)
    }

    @Test("a plain RNN records its pre-activation `a` and no gates; mini-batches and SGD train too")
    func rnnTrace() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lesson = try LessonTestSupport.hello(replacing: "cell: lstm", with: "cell: rnn")
            .replacingOccurrences(of: "optimizer: adam", with: "optimizer: sgd, momentum: 0.9, batch: 1, clip: 1")
        let url = try LessonTestSupport.write(lesson, named: "hello.yaml", in: folder)
        let trace = try LessonRunner(outputFolder: folder).run(LessonFile(contentsOf: url)).trace
        #expect(trace.steps[0].layers[0].gates.isEmpty && trace.steps[0].layers[0].c == nil)
        #expect(Array(trace.steps[0].layers[0].preActivations.keys) == ["a"])
        #expect(trace.training.optimizer == "SGD (momentum 0.9), lr 0.1, seed 777, batch 1, clip 1.0")
    }

    @Test("a diverging run stops naming the iteration and leaves earlier output as it was")
    func divergence() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (0..<60).map { "\(1000 + $0 * 50),\(1e6 + Double($0))\n" }.joined()
        try LessonTestSupport.write(rows, named: "series.csv", in: folder)
        let lesson = """
            name: wild
            title: Too fast
            source: test
            task: regression
            data: { csv: series.csv, columns: [Price, Volume], target: Price, window: 3, scale: none }
            model: { cell: rnn, hidden: 4 }
            train: { optimizer: sgd, learning_rate: 10, iterations: 100, loss: sum-squared }
            """
        let url = try LessonTestSupport.write(lesson, named: "wild.yaml", in: folder)
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("wild"), withIntermediateDirectories: true)
        try LessonTestSupport.write("earlier", named: "wild/trace.json", in: out)
        do {
            _ = try LessonRunner(outputFolder: out).run(LessonFile(contentsOf: url))
            Issue.record("expected divergence")
        } catch let error as TrainingDiverged {
            #expect(error.description.hasPrefix("wild: training diverged at iteration "))
            #expect(error.description.contains("lower the learning rate (now 10.0"))
        }
        #expect(try String(contentsOf: out.appendingPathComponent("wild/trace.json"), encoding: .utf8) == "earlier")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("wild").path) == ["trace.json"])
    }

    @Test("a stop request ends training before anything is written")
    func interrupted() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var seen = 0
        let control = RunControl(progress: { seen = $0.completed }, shouldStop: { seen >= 5 })
        #expect(throws: LessonInterrupted.self) {
            try LessonRunner(outputFolder: folder).run(LessonTestSupport.lesson("hello"), control: control)
        }
        #expect(seen == 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("a user's own text file and windows work like the lecture's")
    func ownText() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try LessonTestSupport.write("to be or not to be\r\n", named: "poem.txt", in: folder)
        let lesson = """
            name: poem
            title: A line of verse
            source: a student
            task: next-char
            data: { text_file: poem.txt, window: 5 }
            model: { cell: gru, hidden: 16 }
            train: { learning_rate: 0.05, iterations: 30 }
            show: { input: "not t" }
            """
        let url = try LessonTestSupport.write(lesson, named: "poem.yaml", in: folder)
        let trace = try LessonRunner(outputFolder: folder.appendingPathComponent("out")).run(LessonFile(contentsOf: url)).trace
        #expect(trace.result["training_examples"] == 13)
        #expect(trace.vocabulary == ["t", "o", " ", "b", "e", "r", "n"])
        #expect(trace.steps.compactMap(\.target).joined() == "ot to")
        #expect(trace.snapshots.map(\.iteration) == [0, 1, 3, 15, 30])
    }
}
