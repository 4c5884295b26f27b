import Foundation
import RNNRender
import Testing
@testable import rnnlab

/// The files `run` and `render` write, step frames included.
@Suite struct FigureFilesTests {
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-figures-\(UUID().uuidString)")
    }

    @Test func aSeq2seqTraceGetsAFramePerQuestionWordThenPerAnswerWord() throws {
        let trace = TestTraces.chatbot()
        let folder = Self.folder()
        let written = try FigureFiles(scale: 1).writeFigures(for: trace, into: folder)
        let frames = written.filter { $0.path.contains("/steps/") }.map(\.lastPathComponent)
        let total = trace.steps.count + trace.decoder!.count
        #expect(frames == (0..<total).map { String(format: "step-%02d.png", $0) })
        // The answer's frames differ from one another and from the question's.
        let bytes = try frames.map { try Data(contentsOf: folder.appendingPathComponent("steps/\($0)")) }
        #expect(Set(bytes).count == total)
        #expect(bytes[trace.steps.count] == Data(try FigureRenderer.renderDecoderStep(t: 0, trace: trace, format: .png, scale: 1)))
    }

    @Test func aCharacterTraceGetsOnlyItsInputFrames() throws {
        let trace = TestTraces.hello()
        let written = try FigureFiles(scale: 1).writeFigures(for: trace, into: Self.folder())
        #expect(written.filter { $0.path.contains("/steps/") }.count == trace.steps.count)
    }

    /// Saved frames go to saved/, numbered on, never into the lesson's steps/.
    @Test func theViewerSavesADecoderStepAsItsOwnFrame() throws {
        let trace = TestTraces.chatbot()
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let position = trace.steps.count + 2
        let status = StepViewer.save(trace: trace, position: position, folder: folder)
        #expect(status.hasPrefix("saved decoder step t = 2 as ") && status.hasSuffix("saved/frame-1.png"), "\(status)")
        let saved = try Data(contentsOf: folder.appendingPathComponent("saved/frame-1.png"))
        #expect(saved == Data(try FigureRenderer.renderDecoderStep(t: 2, trace: trace, format: .png)))
        let again = StepViewer.save(trace: trace, position: 1, folder: folder)
        #expect(again.hasPrefix("saved step t = 1 as ") && again.hasSuffix("saved/frame-2.png"), "\(again)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("saved/frame-1.png")) == saved)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("steps").path))
    }
}
