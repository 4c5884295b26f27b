import Foundation
import RNNTrace
import Testing

/// `rnnlab handout`, as a teacher runs it.
@Suite("rnnlab handout")
struct HandoutCommandTests {
    @Test("handout hello: the pages it says, the question, the model, captions with the run's numbers",
          .enabled(if: PDFText.available, "poppler's pdftotext and pdfinfo are missing (make test installs poppler-utils)"))
    func hello() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(["handout", "hello", "--out", out.path])
        #expect(result.status == 0, "\(result.error)")
        let pdf = out.appendingPathComponent("hello/handout.pdf")
        let trace = try JSONDecoder().decode(LessonTrace.self, from: Data(contentsOf: out.appendingPathComponent("hello/trace.json")))
        // A title page, the lesson's page, predict, answer, then the 7 other figures.
        #expect(try PDFText.pages(pdf) == 11)
        #expect(result.output.contains("(11 pages, 1 lesson)"), "\(result.output)")
        let text = try PDFText.text(pdf).replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("can a network predict each next one"))
        #expect(text.contains("\(trace.model.parameterCount) parameters"))
        #expect(text.contains("Predict first"))
        #expect(text.contains("right from iteration \(trace.training.firstCorrectIteration!)"))
        #expect(text.contains(String(format: "falls from %.4f to %.4f", trace.training.loss.first!, trace.training.loss.last!)))
    }

    @Test("handout needs lessons or --all, and its pages one size")
    func refused() throws {
        let none = try RNNLabProcess.run(["handout"])
        #expect(none.status != 0 && none.error.contains("name lessons, or pass --all"))
        let natural = try RNNLabProcess.run(["handout", "hello", "--size", "natural"])
        #expect(natural.status != 0 && natural.error.contains("--size natural does not apply"))
    }
}
