import Foundation
import Testing

/// `--clamp`, `--zero`, `--attention` and `--force` on the command line: what changed is told,
/// the figures are written, the data on standard output is the intervened network's, and bad
/// interventions are refused in one line.
@Suite(.serialized) struct WhatIfCommandTests {
    /// A folder with hello trained in it (no figures), removed by the caller.
    private static func trainedHello() throws -> URL {
        let out = try RNNLabProcess.temporaryFolder()
        let trained = try RNNLabProcess.run(["run", "hello", "--no-render", "--quiet", "--out", out.path])
        try #require(trained.status == 0, "\(trained.error)")
        return out
    }

    private struct Values: Decodable {
        struct Step: Decodable { var layers: [Layer] }
        struct Layer: Decodable { var c: [Float]; var gates: [String: [Float]] }
        var steps: [Step]
    }

    @Test func inspectWithTheForgetGateAtZeroPrintsThoseGatesAndTellsWhatChanged() throws {
        let out = try Self.trainedHello()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(["inspect", "hello", "--clamp", "f=0", "--json", "--out", out.path])
        try #require(result.status == 0, "\(result.error)")
        let values = try JSONDecoder().decode(Values.self, from: Data(result.output.utf8))
        let forget = values.steps.flatMap { $0.layers[0].gates["f"]! }
        #expect(!forget.isEmpty && forget.allSatisfy { $0 == 0 })
        // The report goes to standard error, so standard output stays JSON.
        #expect(result.error.contains("what if: f=0"))
        #expect(result.error.contains("predictions: \"ihello\" → \""))
        #expect(result.error.contains("loss on the input:"))
        for name in ["predictions.png", "hidden-difference.png"] {
            let data = try Data(contentsOf: out.appendingPathComponent("hello/whatif/\(name)"))
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is a PNG")
        }
    }

    @Test func silencedCellsStayZeroInTheTrace() throws {
        let out = try Self.trainedHello()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(["inspect", "hello", "--zero", "c@1,3", "--json", "--out", out.path])
        try #require(result.status == 0, "\(result.error)")
        let values = try JSONDecoder().decode(Values.self, from: Data(result.output.utf8))
        for step in values.steps {
            #expect(step.layers[0].c[1] == 0 && step.layers[0].c[3] == 0)
            #expect(step.layers[0].c[0] != 0)
        }
    }

    @Test func sampleWritesTheTextAsTrainedAboveTheTextWithTheIntervention() throws {
        let out = try Self.trainedHello()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(
            ["sample", "hello", "--prime", "hi", "--length", "4", "--temperature", "0", "--clamp", "o=0", "--out", out.path])
        try #require(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first == "as trained: hihell")
        #expect(lines.last?.hasPrefix("what if o=0: hi") == true)
        // With every output gate shut the state is invisible: the same character every step.
        #expect(lines.last.map { Set($0.dropFirst("what if o=0: hi".count)).count } == 1)
    }

    @Test(arguments: [
        (["--clamp", "z=0"], "--clamp z=0: an LSTM has gates i, f, g or o"),
        (["--clamp", "f=2"], "--clamp f=2: 2 is not a value of f; expected 0 to 1"),
        (["--clamp", "g=-3"], "expected -1 to 1"),
        (["--clamp", "f"], "expected GATE=VALUE"),
        (["--zero", "h@5"], "expected numbers 0 to 4"),
        (["--zero", "h@1:2"], "layer 2 does not exist; expected 0 to 0"),
        (["--zero", "x@1"], "expected h@UNITS or c@UNITS"),
        (["--attention", "uniform"], "hello has no attention"),
        (["--force", "1=e"], "only a seq2seq decoder writes words"),
    ])
    func badInterventionsAreRefusedInOneLine(arguments: [String], expected: String) throws {
        let out = try Self.trainedHello()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(["inspect", "hello", "--out", out.path] + arguments)
        #expect(result.status != 0)
        #expect(result.errorLines.count == 1, "\(result.error)")
        #expect(result.error.contains(expected), "\(result.error)")
        #expect(result.output.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("hello/whatif").path))
    }

    @Test func chatAnswersWithTheForcedWordAndNotesTheAnswerAsTrained() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let lessons = out.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        let lesson = try TinyChatLesson.write(
            named: "tiny", into: lessons, pairs: [("hello", "hi there"), ("bye", "see you")],
            learningRate: 0.02, iterations: 150, seed: 7, shown: "hello")
        let trained = try RNNLabProcess.run(["run", lesson.path, "--no-render", "--quiet", "--out", out.path])
        try #require(trained.status == 0, "\(trained.error)")
        let arguments = ["chat", "tiny", "--lessons", lessons.path, "--out", out.path]
        let result = try RNNLabProcess.run(arguments + ["--force", "0=see"], standardInput: "hello\n")
        try #require(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("see"), "\(result.output)")
        #expect(result.error.contains("(as trained: hi there)"), "\(result.error)")
        let refused = try RNNLabProcess.run(arguments + ["--force", "0=zebra"], standardInput: "hello\n")
        #expect(refused.status != 0 && refused.errorLines.count == 1 && refused.error.contains("\"zebra\" is not a word tiny knows"))
    }
}
