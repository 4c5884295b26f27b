import Foundation
import Testing

/// `rnnlab compare`, as a user runs it: its folder, its table, and one line for each mistake.
@Suite("rnnlab compare")
struct CompareCommandTests {
    @Test("compare hello --cells rnn,gru --seeds 2 writes the folder and prints a row per variant")
    func compareCells() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(["compare", "hello", "--cells", "rnn,gru", "--seeds", "2", "--out", out.path])
        #expect(result.status == 0, "\(result.error)")
        let folder = out.appendingPathComponent("compare/hello")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["gradient-flow.png", "loss.png", "summary.csv", "summary.json", "trace.json"], "no sweep without a numeric key")
        let csv = try String(contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 5 && csv[0].hasPrefix("cell,seed,") && csv[1].hasPrefix("rnn,777,") && csv[4].hasPrefix("gru,778,"))
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("cell") && $0.contains("accuracy") && $0.contains("parameters") })
        #expect(lines.contains { $0.hasPrefix("rnn ") } && lines.contains { $0.hasPrefix("gru ") })
        #expect(lines.last == "wrote \(folder.path)/: trace.json, summary.csv, summary.json, loss.png, gradient-flow.png")
        // Nothing is left beside the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("compare").path) == ["hello"])
    }

    @Test("compare --html writes the comparison as one self-contained page; rnnlab html of the folder writes the same bytes")
    func comparisonPage() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(["compare", "hello", "--cells", "rnn,gru", "--html", "--out", out.path])
        #expect(result.status == 0, "\(result.error)")
        let folder = out.appendingPathComponent("compare/hello")
        let page = folder.appendingPathComponent("hello.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"))
        #expect(html.contains("<td>rnn</td>") && html.contains("<td>gru</td>") && html.contains("<th>parameters</th>"))
        #expect(html.components(separatedBy: "src=\"data:image/png;base64,").count - 1 == 2, "loss and gradient flow")
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src=\"file"))
        let bytes = try Data(contentsOf: page)
        let again = try RNNLabProcess.run(["html", folder.path])
        #expect(again.status == 0 && again.output.hasPrefix("wrote "), "\(again.error)")
        #expect(try Data(contentsOf: page) == bytes)
        let wrong = try RNNLabProcess.run(["html", out.path])
        #expect(wrong.status != 0 && wrong.errorLines.first?.hasSuffix("a folder without trace.json; expected a folder written by rnnlab compare, or a lesson") == true)
    }

    @Test(
        "a wrong comparison is one line on stderr, a non-zero exit, and nothing written",
        arguments: [
            (["compare", "hello", "--vary", "colour=red"], "--vary colour=red: unknown key \"colour\""),
            (["compare", "hello", "--vary", "hidden=5,0"], "--vary hidden=0: lessons/hello.yaml:8:41: model.hidden: 0 is not a hidden size"),
            (["compare", "hello", "--cells", "rnn", "--seeds", "0"], "--seeds 0: expected 1 to 100"),
            (["compare", "hello"], "hello: nothing to compare;"),
            (["compare", "chatbot", "--vary", "hidden=8,16"], "chatbot: a seq2seq lesson has no single number to plot against hidden"),
            (["compare", "poem", "--cells", "rnn"], "poem: no such lesson in lessons"),
        ])
    func wrongComparison(arguments: [String], expected: String) throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(arguments + ["--out", out.path])
        #expect(result.status != 0)
        #expect(result.errorLines.count == 1 && result.errorLines.first?.hasPrefix(expected) == true, "\(result.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }
}
