import Foundation
import Testing

/// `rnnlab html` and `rnnlab run --html`, as a user runs them: the page's file, training first,
/// the same bytes every time, and bad input.
@Suite("rnnlab html")
struct HTMLCommandTests {
    static func page(_ out: URL) -> URL { out.appendingPathComponent("hello/hello.html") }

    @Test("run --html and html write the same page; html trains a lesson first when it has no trace")
    func samePage() throws {
        let first = try RNNLabProcess.temporaryFolder(), second = try RNNLabProcess.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let run = try RNNLabProcess.run(["run", "hello", "--html", "--no-render", "--quiet", "--out", first.path])
        #expect(run.status == 0, "\(run.error)")
        let written = try Data(contentsOf: Self.page(first))
        #expect(written.count > 100_000 && written.count < 5_000_000)

        let again = try RNNLabProcess.run(["html", "hello", "--out", first.path])
        #expect(again.status == 0 && again.error.isEmpty, "\(again.error)")
        #expect(again.output.hasPrefix("wrote \(Self.page(first).path) (") && again.output.hasSuffix(" kB)\n"), "\(again.output)")
        #expect(try Data(contentsOf: Self.page(first)) == written)

        let fresh = try RNNLabProcess.run(["html", "hello", "--out", second.path])
        #expect(fresh.status == 0, "\(fresh.error)")
        #expect(fresh.errorLines == ["hello: training the lesson first (no \(second.path)/hello/trace.json yet)"])
        #expect(try Data(contentsOf: Self.page(second)) == written)
        let files = try FileManager.default.contentsOfDirectory(atPath: second.appendingPathComponent("hello").path)
        #expect(files.sorted() == ["hello.html", "model.safetensors", "snapshots", "trace.json"])
    }

    @Test("a trace of an older format is trained again; one of a newer format is one line, and no page")
    func formatVersions() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try RNNLabProcess.run(["run", "hello", "--no-render", "--quiet", "--out", out.path]).status == 0)
        let traceURL = out.appendingPathComponent("hello/trace.json")
        let current = try String(contentsOf: traceURL, encoding: .utf8)
        func write(version: Int) throws {
            let text = current.replacingOccurrences(of: "\"formatVersion\":1", with: "\"formatVersion\":\(version)")
            #expect(text != current)
            try Data(text.utf8).write(to: traceURL)
        }

        try write(version: 0)
        let older = try RNNLabProcess.run(["html", "hello", "--out", out.path])
        #expect(older.status == 0)
        #expect(older.errorLines.count == 1 && older.error.contains("training the lesson first"), "\(older.error)")
        #expect(older.error.contains("older rnnlab: trace format 0, now 1"))
        #expect(try String(contentsOf: traceURL, encoding: .utf8) == current)
        #expect(FileManager.default.fileExists(atPath: Self.page(out).path))

        try FileManager.default.removeItem(at: Self.page(out))
        try write(version: 7)
        let newer = try RNNLabProcess.run(["html", "hello", "--out", out.path])
        #expect(newer.status != 0)
        #expect(newer.errorLines.count == 1 && newer.error.contains("written by a newer rnnlab (trace format 7; this one reads 1)"),
                "\(newer.error)")
        #expect(!FileManager.default.fileExists(atPath: Self.page(out).path))
        #expect(try String(contentsOf: traceURL, encoding: .utf8).contains("\"formatVersion\":7"))
    }

    @Test("an output folder that cannot be written, or an unknown lesson: one line, nothing written")
    func badInput() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("a-file")
        try Data("not a folder".utf8).write(to: blocker)
        let unwritable = try RNNLabProcess.run(["html", "hello", "--out", blocker.appendingPathComponent("out").path])
        #expect(unwritable.status != 0 && unwritable.output.isEmpty)
        #expect(unwritable.errorLines == ["\(blocker.path)/out/hello: cannot create the folder (\(blocker.path) is a file, not a folder)"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a-file"])

        let unknown = try RNNLabProcess.run(["html", "nosuchlesson", "--out", folder.path])
        #expect(unknown.status != 0 && unknown.errorLines.count == 1 && unknown.error.contains("no such lesson"))
        let neither = try RNNLabProcess.run(["html"])
        #expect(neither.status != 0 && neither.error.contains("name lessons, or pass --all"))
    }
}
