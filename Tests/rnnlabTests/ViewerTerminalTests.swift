import Foundation
import Testing
@testable import rnnlab
import RNNTrace
#if canImport(Glibc)
import Glibc
#endif

/// `rnnlab view` driven through a pseudo-terminal: keys move the step, every way out restores
/// the terminal.
@Suite(.serialized) struct ViewerTerminalTests {
    private static let escape = "\u{1B}"

    private func start(_ trace: LessonTrace = TestTraces.hello(), width: Int = 100, height: Int = 30,
                       extra: [String] = [], firstScreen: String = "t = 0 of 0…") throws -> (PseudoTerminal, URL) {
        let executable = try #require(builtExecutable(), "build rnnlab first (swift build)")
        let url = try TestTraces.write(trace)
        let pty = try PseudoTerminal(executable: executable, arguments: ["view", url.path] + extra, width: width, height: height)
        try #require(pty.waitFor(firstScreen) != nil, "the viewer did not draw: \(pty.text)")
        return (pty, url)
    }

    /// The output ends by leaving raw mode: the cursor shown, the alternate screen left.
    private func expectRestored(_ pty: PseudoTerminal, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(pty.text.contains("\(Self.escape)[?1049h"), sourceLocation: sourceLocation)
        #expect(pty.text.hasSuffix(Terminal.leaveSequence), "ends with \(pty.text.suffix(40).debugDescription)",
                sourceLocation: sourceLocation)
    }

    @Test func arrowKeysMoveTheStepAndQRestores() throws {
        let (pty, _) = try start()
        var mark = try #require(pty.waitFor("t = 0 of 0…5"))
        pty.send("\(Self.escape)[C")
        mark = try #require(pty.waitFor("t = 1 of 0…5", after: mark), "→ did not move")
        pty.send("\(Self.escape)[C")
        mark = try #require(pty.waitFor("t = 2 of 0…5", after: mark), "→ did not move")
        pty.send("\(Self.escape)[D")
        mark = try #require(pty.waitFor("t = 1 of 0…5", after: mark), "← did not move back")
        pty.send("\(Self.escape)[F")
        mark = try #require(pty.waitFor("t = 5 of 0…5", after: mark), "End did not move")
        pty.send("3\r")
        mark = try #require(pty.waitFor("t = 3 of 0…5", after: mark), "3 Enter did not jump")
        pty.send("r")
        try #require(pty.waitFor("press r to reveal", after: mark) != nil)
        pty.send("q")
        #expect(pty.waitForExit() == 0)
        expectRestored(pty)
    }

    @Test func ctrlCTypedQuitsWith130AndRestores() throws {
        let (pty, _) = try start()
        pty.send("\u{03}")
        #expect(pty.waitForExit() == 130)
        expectRestored(pty)
    }

    @Test func sigintAndSigtermRestore() throws {
        let (first, _) = try start()
        kill(first.pid, SIGINT)
        #expect(first.waitForExit() == 130)
        expectRestored(first)
        let (second, _) = try start()
        kill(second.pid, SIGTERM)
        #expect(second.waitForExit() == 143)
        expectRestored(second)
    }

    @Test func redrawsOnResize() throws {
        let (pty, _) = try start()
        let mark = try #require(pty.waitFor("t = 0 of 0…5"))
        pty.resize(width: 50, height: 15)
        kill(pty.pid, SIGWINCH)
        #expect(pty.waitFor("Enlarge it to at least 60×20", after: mark) != nil)
        pty.resize(width: 100, height: 30)
        kill(pty.pid, SIGWINCH)
        #expect(pty.waitFor("t = 0 of 0…5", after: mark) != nil)
        pty.send("q")
        #expect(pty.waitForExit() == 0)
    }

    /// Saved frames go to saved/, numbered on: never over the lesson's own step frames, nor over
    /// a frame saved before.
    @Test func sSavesTheFrameAsPNGAndSaysWhere() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-save-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let own = folder.appendingPathComponent("steps/step-02.png")
        try FileManager.default.createDirectory(at: own.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("the lesson's own frame".utf8).write(to: own)
        let (pty, _) = try start(extra: ["--save-to", folder.path, "--start", "2"],
                                 firstScreen: "t = 2 of 0…")
        pty.send("s")
        var mark = try #require(pty.waitFor("saved step t = 2 as", timeout: 60), "\(DisplayWidth.stripEscapes(pty.text).suffix(300))")
        try #require(pty.waitFor("saved/frame-1.png", after: mark - 30) != nil)
        pty.send("s")
        mark = try #require(pty.waitFor("saved/frame-2.png", after: mark, timeout: 60))
        for name in ["saved/frame-1.png", "saved/frame-2.png"] {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name)")
        }
        #expect(try String(contentsOf: own, encoding: .utf8) == "the lesson's own frame")
        pty.send("q")
        #expect(pty.waitForExit() == 0)
    }

    @Test func printsTextWhenNotATerminal() throws {
        let executable = try #require(builtExecutable())
        let url = try TestTraces.write(TestTraces.hello())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["view", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.contains("step t=5 input \"l\""))
        #expect(!output.contains("\u{1B}"))
    }
}
