import Foundation
import RNNLessons
import Testing

/// A lesson on a text of several megabytes runs to the end in the memory of its model, not of its
/// text (issue #17). Runs in the release suite (`make test`: `LearningTests`).
@Suite("A 5 MB text lesson")
struct LargeTextLearningTests {
    /// The must of issue #17 for a 5 MB text, LSTM 128, window 100, 200 iterations.
    static let mostBytes = 1 << 30

    @Test("a 5 MB text, LSTM 128, window 100, 200 iterations: peak memory of the rnnlab process ≤ 1 GB")
    func peakMemory() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = try #require(RNNLabProcess.binary)
        try AtomicFile.write(GeneratedText.make(bytes: 5_000_000), to: folder.appendingPathComponent("text.txt"))
        let lesson = folder.appendingPathComponent("five-megabytes.yaml")
        try AtomicFile.write(
            """
            task: next-char
            data: { text_file: text.txt, window: 100, validation: 0.01 }
            model: { cell: lstm, hidden: 128 }
            train: { learning_rate: 0.002, iterations: 200 }
            """, to: lesson)
        let run = try MeasuredProcess.run(
            binary, arguments: ["run", lesson.path, "--no-render", "--quiet", "--out", folder.appendingPathComponent("out").path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.peakBytes <= Self.mostBytes, "peak \(run.peakBytes / 1_000_000) MB")
        print("5 MB text lesson: \(String(format: "%.1f", run.seconds)) s, peak \(run.peakBytes / 1_000_000) MB")
        let trace = try JSONDecoder().decode(
            TraceSummary.self, from: Data(contentsOf: folder.appendingPathComponent("out/five-megabytes/trace.json")))
        #expect(trace.training.loss.count == 201 && trace.steps.count == 100, "the trace holds the shown input, not the text")
        #expect(trace.result["evaluated_examples"] == 1_024 && trace.result["validation_loss"] != nil)
        #expect(trace.training.loss[200] < trace.training.loss[0] - 1, "it learns: \(trace.training.loss[0]) → \(trace.training.loss[200])")
    }

    /// The parts of a trace this test reads.
    struct TraceSummary: Decodable {
        struct Training: Decodable { var loss: [Double] }
        struct Step: Decodable { var t: Int }
        var training: Training
        var steps: [Step]
        var result: [String: Double]
    }
}
