import Foundation
import Testing

/// `rnnlab cells` on the command line: the report, the figures in `cells/`, the lesson's
/// references printed beside, and bad input refused in one line with nothing written.
@Suite(.serialized) struct CellsCommandTests {
    /// A folder with char-sequence trained in it (no figures), removed by the caller.
    private static func trained(_ lesson: String) throws -> URL {
        let out = try RNNLabProcess.temporaryFolder()
        let trained = try RNNLabProcess.run(["run", lesson, "--no-render", "--quiet", "--out", out.path])
        try #require(trained.status == 0, "\(trained.error)")
        return out
    }

    @Test func reportsTheBestUnitsAndWritesTheirFigures() throws {
        let out = try Self.trained("char-sequence")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(["cells", "char-sequence", "--probe", "word", "--probe", "vowel", "--out", out.path])
        try #require(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first { $0.hasPrefix("word: ") }?.contains(" r = ") == true, "\(result.output)")
        #expect(lines.contains { $0.hasPrefix("  zeroing ") && $0.contains("loss on spaces and line breaks") })
        let folder = out.appendingPathComponent("char-sequence/cells")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["cells.json", "scatter-vowel.png", "scatter-word.png", "text-vowel.png", "text-word.png"])
    }

    @Test(arguments: [
        (["--probe", "regex:("], "the pattern does not compile"),
        (["--probe", "postion"], "no such probe"),
        (["--text", "/nonexistent/notes.txt"], "/nonexistent/notes.txt"),
        (["--length", "1"], "--length must be 2 to 1000000"),
    ])
    func badInputIsOneLineAndWritesNothing(extra: [String], expected: String) throws {
        let out = try Self.trained("char-sequence")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(["cells", "char-sequence", "--out", out.path] + extra)
        #expect(result.status != 0)
        // A file's or a probe's error is one line; an option out of range is ArgumentParser's
        // line with the usage after it.
        #expect(result.errorLines.first?.contains(expected) == true, "\(result.error)")
        if !extra[0].hasPrefix("--length") { #expect(result.errorLines.count == 1, "\(result.error)") }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("char-sequence/cells").path))
    }

    @Test func aLessonThatIsNotACharacterModelIsNamed() throws {
        // A small regression lesson (two iterations of the adding problem), so the test is quick in debug.
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lesson = folder.appendingPathComponent("sums.yaml")
        try Data("""
            task: regression
            data: { generate: adding, length: 5, examples: 64 }
            model: { cell: lstm, hidden: 4 }
            train: { iterations: 2, loss: mean-squared }
            """.utf8).write(to: lesson)
        let result = try RNNLabProcess.run(["cells", lesson.path, "--out", folder.appendingPathComponent("out").path])
        #expect(result.status != 0 && result.errorLines.count == 1 && result.error.contains("reads character models"), "\(result.error)")
    }
}
