import Foundation
import Testing
@testable import rnnlab

/// `rnnlab chat` in a terminal: a line editor with a history, no escape sequences echoed.
@Suite(.serialized) struct ChatTerminalTests {
    @Test func upBringsBackTheLastQuestionInsteadOfPrintingEscapes() throws {
        let executable = try #require(builtExecutable(), "build rnnlab first (swift build)")
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let lessons = out.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        let lesson = try TinyChatLesson.write(
            named: "tiny", into: lessons,
            pairs: [("hello", "hi there"), ("what is an rnn?", "a recurrent network"), ("bye", "see you")],
            learningRate: 0.02, iterations: 150, seed: 7, shown: "hello")
        let trained = try RNNLabProcess.run(["run", lesson.path, "--no-render", "--quiet", "--out", out.path])
        try #require(trained.status == 0, "\(trained.error)")

        let pty = try PseudoTerminal(
            executable: executable, arguments: ["chat", "tiny", "--lessons", lessons.path, "--out", out.path], width: 80, height: 24)
        var mark = try #require(pty.waitFor("you> "), "\(pty.text)")
        pty.send("what is an rnm")
        pty.send("\u{7F}n?\r")  // Backspace mends the typo
        mark = try #require(pty.waitFor("bot> a recurrent network", after: mark), "\(pty.text)")
        mark = try #require(pty.waitFor("you> ", after: mark))
        pty.send("\u{1B}[A")  // ↑: the question asked before
        mark = try #require(pty.waitFor("what is an rnn?", after: mark), "\(pty.text)")
        pty.send("\r")
        mark = try #require(pty.waitFor("bot> a recurrent network", after: mark), "\(pty.text)")
        #expect(!pty.text.contains("^[[A") && !pty.text.contains("\u{1B}[A"))
        _ = try #require(pty.waitFor("you> ", after: mark))
        pty.send("\u{04}")  // Ctrl-D on an empty line ends
        #expect(pty.waitForExit() == 0)
    }
}
