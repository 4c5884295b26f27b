import Foundation
import Testing

@testable import RNNLessons
import RNNTrace

/// The why-gates experiment at a reduced size (lengths 10 and 50, one seed; the full sweep is
/// `rnnlab compare why-gates`): the shape Hochreiter & Schmidhuber's adding problem shows. Runs in
/// release (`make test`'s second part): about 10 s.
@Suite("Why gates: the adding problem learns what the papers say")
struct WhyGatesLearningTests {
    @Test("the RNN solves length 10 only; LSTM and GRU solve 10 and 50; the trained GRU's gradient reaches the first marked step")
    func shape() throws {
        let base = try LessonFile(contentsOf: LessonTestSupport.lessons.appendingPathComponent("experiments/why-gates.yaml"))
        let comparison = try Comparison(
            base: base, variations: try ["length=10,50", "cell=rnn,lstm,gru"].map(LessonVariation.init(parsing:)), seedCount: 1)
        let trace = comparison.trace(try comparison.variants.indices.map { try comparison.run($0) })
        func run(_ length: String, _ cell: String) throws -> ComparisonRun {
            try #require(trace.runs.first { $0.settings == [length, cell] })
        }
        func mse(_ length: String, _ cell: String) throws -> Double { try #require(try run(length, cell).result["test_mse"]) }
        #expect(try mse("10", "rnn") < 0.01, "the RNN solves length 10")
        #expect(try mse("50", "rnn") > 0.1, "the RNN stays near the baseline 1/6 at length 50")
        for cell in ["lstm", "gru"] {
            for length in ["10", "50"] { #expect(try mse(length, cell) < 0.01, "\(cell) solves length \(length)") }
        }
        // How much of the last step's error reaches the first marked value, 25 to 49 steps back,
        // relative to how much there is at the last step.
        func reach(_ cell: String, trained: Bool) throws -> Float {
            let flow = try #require(try run("50", cell).gradientFlow)
            let norms = try #require(trained ? flow.trained.first : flow.initial?.first)
            return norms[try #require(flow.keySteps?.first)] / norms[flow.outputStep]
        }
        // At initialisation, none of the cells carries the error that far back …
        for cell in ["rnn", "lstm", "gru"] { #expect(try reach(cell, trained: false) < 1e-4, "\(cell) at initialisation") }
        // … trained, the GRU's gate keeps it (the LSTM keeps it in its cell state c, not in h).
        let rnn = try reach("rnn", trained: true), gru = try reach("gru", trained: true)
        #expect(gru > 30 * rnn, "gru \(gru) against rnn \(rnn)")
    }

    @Test("remember: the GRU names the first letter after 19 digits, far above a guess")
    func remember() throws {
        let file = try LessonFile(contentsOf: LessonTestSupport.lessons.appendingPathComponent("experiments/remember.yaml"))
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let trace = try LessonRunner(outputFolder: folder).run(file).trace
        #expect(try #require(trace.result["test_accuracy"]) > 0.95)
        #expect(trace.steps.last?.prediction == trace.steps.last?.target)
    }
}
