import Foundation
import Testing

/// A student's own data on the command line: a starting lesson file, bad data files, the export
/// to PyTorch and the model that comes back from it.
@Suite("rnnlab lesson new, export, and a student's data")
struct OwnDataCommandTests {
    @Test("lesson new writes a commented starting file that runs, and never overwrites one")
    func newLesson() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try RNNLabProcess.run(["lesson", "new", "mine.yaml", "--task", "next-char"], in: folder)
        #expect(created.status == 0 && created.output == "wrote mine.yaml; train it with: rnnlab run mine.yaml\n", "\(created.error)")
        let text = try String(contentsOf: folder.appendingPathComponent("mine.yaml"), encoding: .utf8)
        #expect(text.contains("task: next-char") && text.contains("# name: my-lesson"))
        let run = try RNNLabProcess.run(["run", "mine.yaml", "--iterations", "3", "--no-render", "--quiet"], in: folder)
        #expect(run.status == 0 && run.output.hasPrefix("mine (--iterations 3, in "), "\(run.error)")
        let again = try RNNLabProcess.run(["lesson", "new", "mine.yaml", "--task", "regression"], in: folder)
        #expect(again.status == 1 && again.errorLines == ["mine.yaml: exists; expected a new file's name (or --force to replace it)"])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        let withData = try RNNLabProcess.run(["lesson", "new", "series.yaml", "--task", "regression", "--data", "data/temps.csv"], in: folder)
        #expect(withData.status == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent("series.yaml"), encoding: .utf8).contains("csv: \"data/temps.csv\""))
        let unknown = try RNNLabProcess.run(["lesson", "new", "x.yaml", "--task", "poetry"], in: folder)
        #expect(unknown.status != 0 && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.yaml").path))
    }

    @Test(
        "a data file that is a folder, a device or missing is one line naming it, with no output written",
        arguments: [
            ("text_file: books", "lesson.yaml:2:31: data.text_file: books: is a folder, not a file"),
            ("text_file: /dev/zero", "lesson.yaml:2:31: data.text_file: /dev/zero: is not a regular file (a device, a pipe or a socket)"),
            ("text_file: gone.txt", "lesson.yaml:2:31: data.text_file: gone.txt: no such file"),
        ])
    func badDataFiles(data: String, message: String) throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("books"), withIntermediateDirectories: true)
        try Data("task: next-char\ndata: { window: 5, \(data) }\nmodel: { cell: gru, hidden: 4 }\n".utf8)
            .write(to: folder.appendingPathComponent("lesson.yaml"))
        let result = try RNNLabProcess.run(["run", "lesson.yaml", "--out", "out"], in: folder)
        #expect(result.status == 1 && result.errorLines == [message], "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/lesson").path))
    }

    @Test("export writes a PyTorch program; a model trained elsewhere comes back with the lesson and --model")
    func exportAndBack() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = folder.appendingPathComponent("torch")
        let result = try RNNLabProcess.run(["export", "hello", "--pytorch", export.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("wrote \(export.path)/train.py\n") && result.output.contains("train it with: python3 \(export.path)/train.py"))
        for name in ["train.py", "lesson.json", "data.safetensors", "initial.safetensors"] {
            #expect(FileManager.default.fileExists(atPath: export.appendingPathComponent(name).path), "\(name)")
        }
        // The initial weights stand in for weights trained elsewhere: the lesson reads them with --model.
        let back = try RNNLabProcess.run(
            ["step", "hello", "--model", export.appendingPathComponent("initial.safetensors").path, "--input", "hihell", "--at", "2"])
        #expect(back.status == 0 && back.output.hasPrefix("step t=2 input \"h\""), "\(back.error)")
        let chatbot = try RNNLabProcess.run(["export", "chatbot", "--pytorch", folder.appendingPathComponent("c").path])
        #expect(chatbot.status == 1 && chatbot.errorLines.count == 1 && chatbot.error.contains("cannot be exported yet"))
    }
}
