import Foundation
import RNNLessons

/// A text lesson's time and peak memory as its text grows (issue #17): LSTM 128, windows of 100,
/// 200 iterations in mini-batches of 64, on generated texts of 0.5 and 5 MB. Each runs twice:
/// as `rnnlab run` in a process of its own, for its peak resident memory (the must: ≤ 1 GB for
/// 5 MB, goal ≤ 300 MB), and in this process, for the training loop's time beside the time of
/// judging the trained network (the must: no longer than training).
enum TextBenchmarks {
    static let sizes = [500_000, 5_000_000]

    static let lesson = """
        task: next-char
        data: { text_file: text.txt, window: 100 }
        model: { cell: lstm, hidden: 128 }
        train: { learning_rate: 0.002, iterations: 200 }
        """

    static func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-bench-texts-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rnnlab = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rnnlab")
        guard FileManager.default.isExecutableFile(atPath: rnnlab.path) else {
            print("Texts: \(rnnlab.path) is not built (make bench builds it)\n")
            return
        }
        var table = Table(header: ["text", "process (s)", "peak memory (MB)", "training loop (s)", "evaluation (s)", "final loss"])
        for size in sizes {
            let place = folder.appendingPathComponent("\(size)")
            try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true)
            try AtomicFile.write(GeneratedText.make(bytes: size), to: place.appendingPathComponent("text.txt"))
            let url = place.appendingPathComponent("lesson.yaml")
            try AtomicFile.write(lesson, to: url)
            let process = try MeasuredProcess.run(
                rnnlab, arguments: ["run", url.path, "--no-render", "--quiet", "--out", place.appendingPathComponent("process").path])
            guard process.status == 0 else {
                print("Texts: \(size) bytes failed: \(process.output)")
                continue
            }
            let outcome = try LessonRunner(outputFolder: place.appendingPathComponent("here")).run(LessonFile(contentsOf: url))
            table.rows.append([
                String(format: "%.1f MB", Double(size) / 1e6), String(format: "%.1f", process.seconds),
                String(format: "%.0f", Double(process.peakBytes) / 1e6), String(format: "%.1f", outcome.trainingSeconds),
                String(format: "%.2f", outcome.evaluationSeconds), String(format: "%.4f", outcome.trace.result["final_loss"] ?? .nan),
            ])
        }
        print("Texts (`rnnlab run`, LSTM 128, window 100, 200 iterations, batch 64): 5 MB peak ≤ 1 GB, goal ≤ 300 MB; evaluation ≤ training")
        print(table.render())
        print()
    }
}
