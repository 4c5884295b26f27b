import Foundation
import RNNTrace
import Testing

/// `rnnlab worksheet`: one page, PDF and PNG, whose numbers are the trace's.
@Suite("rnnlab worksheet")
struct WorksheetCommandTests {
    /// `values` with four decimals, as the worksheet writes them.
    static func written(_ values: [Float]) -> [String] { values.map { String(format: "%.4f", Double($0)).replacingOccurrences(of: "-0.0000", with: "0.0000") } }

    /// Whether `line` holds `numbers` in this order, apart from other text.
    static func holds(_ line: Substring, _ numbers: [String]) -> Bool {
        let words = line.split(separator: " ").map(String.init)
        var index = 0
        for word in words where index < numbers.count && word == numbers[index] { index += 1 }
        return index == numbers.count
    }

    @Test("hello-rnn's step 1: one page whose every traced number is the trace's",
          .enabled(if: PDFText.available, "poppler's pdftotext and pdfinfo are missing (make test installs poppler-utils)"))
    func helloRNN() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(["worksheet", "hello-rnn", "--at", "1", "--out", out.path])
        #expect(result.status == 0, "\(result.error)")
        let folder = out.appendingPathComponent("hello-rnn")
        let pdf = folder.appendingPathComponent("worksheet-t1.pdf")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("worksheet-t1.png").path))
        #expect(try PDFText.pages(pdf) == 1)
        let trace = try JSONDecoder().decode(LessonTrace.self, from: Data(contentsOf: folder.appendingPathComponent("trace.json")))
        let text = try PDFText.text(pdf)
        let lines = text.split(separator: "\n")
        let step = trace.steps[1], before = trace.steps[0]
        for (name, values) in [("h_{t-1}", before.layers[0].h), ("a_t = sum", step.layers[0].preActivations["a"]!),
                               ("h_t = tanh(a_t)", step.layers[0].h)] {
            #expect(lines.contains { $0.contains(name) && Self.holds($0, Self.written(values)) }, "\(name): \(Self.written(values))")
        }
        // The output, a line per token: y_t and p.
        for (k, token) in trace.vocabulary.enumerated() {
            let numbers = Self.written([step.logits![k], step.probabilities![k]])
            #expect(lines.contains { Self.holds($0, [token] + numbers) }, "\(token): \(numbers)")
        }
        #expect(text.contains("Step t = 1 of “hell”, worked by hand"))
        #expect(text.contains("finite differences") || text.contains("checked"))
    }

    @Test("a step past the input is one line (after the training notice) and no file")
    func refused() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(["worksheet", "hello-rnn", "--at", "7", "--out", out.path])
        #expect(result.status != 0, "\(result.error)")
        #expect(result.errorLines.last?.contains("--at 7 is outside the input's steps 0…3") == true, "\(result.error)")
        #expect(result.errorLines.dropLast().allSatisfy { $0.contains("training the lesson first") })
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("hello-rnn/worksheet-t7.pdf").path))
    }
}
