import Foundation
import Testing

/// `rnnlab list` and `rnnlab run`, as a user runs them.
@Suite("rnnlab list and run")
struct ListRunCommandTests {
    @Test("list prints a table of the lessons, grouped by the lecture's shapes")
    func list() throws {
        let result = try RNNLabProcess.run(["list"])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.first?.hasPrefix("NAME") == true && lines.first?.contains("TASK") == true)
        #expect(lines.dropFirst().map { String($0.prefix { $0 != " " }) } == [
            "ONE", "spell", "MANY", "sentiment", "stock", "MANY", "chatbot", "MANY", "char-sequence", "hello", "hello-rnn",
            "long-sequence", "EXPERIMENT", "adding", "paradise-lost", "remember", "why-attention", "why-gates",
        ])
        #expect(lines.contains("ONE TO MANY:") && lines.contains("MANY TO ONE:"))
        #expect(result.output.contains("generated adding, length 50; compare: length × cell"))
        #expect(result.output.contains("next-char") && result.output.contains("regression") && result.output.contains("seq2seq"))
    }

    @Test("list finds the lessons folder from a subfolder, or takes --lessons")
    func listElsewhere() throws {
        let fromSources = try RNNLabProcess.run(["list"], in: RNNLabProcess.root.appendingPathComponent("Sources"))
        #expect(fromSources.status == 0 && fromSources.output.contains("hello"))
        let empty = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        let none = try RNNLabProcess.run(["list", "--lessons", empty.path])
        #expect(none.status == 0 && none.output.split(separator: "\n").count == 1)
    }

    @Test("run hello writes its trace and checkpoint and prints the result")
    func runHello() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(["run", "hello", "--no-render", "--quiet", "--out", out.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("hello: predicted \"ihello\" right from iteration "))
        #expect(result.output.split(separator: "\n").count == 1)
        for name in ["trace.json", "model.safetensors"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("hello/\(name)").path))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("hello").path)
        #expect(leftovers.sorted() == ["model.safetensors", "snapshots", "trace.json"])
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("hello/snapshots").path)
        #expect(snapshots.sorted() == [0, 1, 50, 6, 9].map { "iteration-\($0).safetensors" })
    }

    @Test("run without --quiet lists the files written; overrides apply, in a folder of their own, said where")
    func runVerbose() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run([
            "run", "hello-rnn", "--no-render", "--out", out.path, "--cell", "gru", "--hidden", "6", "--iterations", "20",
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("hello-rnn: iteration 20/20"))
        let folder = out.appendingPathComponent("hello-rnn-gru-h6-i20")
        #expect(result.output.contains("hello-rnn (--cell gru --hidden 6 --iterations 20, in \(folder.path)/): "), "\(result.output)")
        #expect(result.output.contains("wrote ") && result.output.contains("hello-rnn-gru-h6-i20/trace.json"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("hello-rnn").path))
        let trace = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("trace.json"))) as? [String: Any]
        let model = trace?["model"] as? [String: Any]
        #expect(model?["cell"] as? String == "gru" && model?["hiddenSize"] as? Int == 6)
        // The lesson's snapshots 30, 60 and 100 are past the 20 iterations: said in one line; 20, the last, is taken.
        #expect(result.errorLines == ["hello-rnn: snapshots 30, 60, 100 are past the last iteration (20) and not taken; the snapshots are 0, 1, 10, 20"])
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("snapshots").path)
        #expect(snapshots.sorted() == [0, 1, 10, 20].map { "iteration-\($0).safetensors" }.sorted())
    }

    @Test("a run removes the files of an earlier run it does not write again, and keeps saved frames")
    func earlierRunFiles() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let folder = out.appendingPathComponent("hello")
        for name in ["snapshots", "steps", "saved"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        for name in ["snapshots/iteration-77.safetensors", "steps/step-09.png", "gates.svg", "saved/frame-1.png", "notes.txt"] {
            try Data("earlier".utf8).write(to: folder.appendingPathComponent(name))
        }
        let result = try RNNLabProcess.run(["run", "hello", "--no-render", "--out", out.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("removed 3 files of an earlier run that this run did not write"), "\(result.output)")
        for (name, kept) in [("snapshots/iteration-77.safetensors", false), ("steps/step-09.png", false), ("gates.svg", false),
                             ("saved/frame-1.png", true), ("notes.txt", true), ("snapshots/iteration-50.safetensors", true)] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) == kept, "\(name)")
        }
    }

    @Test("a bad lesson file: non-zero exit and one line on stderr naming the place")
    func badLesson() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hello = try String(contentsOf: RNNLabProcess.root.appendingPathComponent("lessons/hello.yaml"), encoding: .utf8)
        try Data(hello.replacingOccurrences(of: "cell: lstm", with: "cell: lstmm").utf8).write(to: folder.appendingPathComponent("bad.yaml"))
        let result = try RNNLabProcess.run(["run", "bad.yaml", "--no-render", "--out", "out"], in: folder)
        #expect(result.status != 0)
        #expect(result.errorLines == ["bad.yaml:8:16: model.cell: \"lstmm\" is not a cell; expected rnn, lstm or gru"])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        let unknown = try RNNLabProcess.run(["run", "nosuchlesson", "--no-render"])
        #expect(unknown.status != 0 && unknown.errorLines.count == 1 && unknown.error.contains("no such lesson"))
    }

    @Test("a seq2seq lesson of the user's own dialogs trains and reports its answers")
    func seq2seq() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TinyChatLesson.write(
            named: "talk", into: folder,
            pairs: [("hi", "hello !"), ("who are you ?", "a small chatbot ."), ("bye", "see you .")],
            learningRate: 0.05, iterations: 60, seed: 777, shown: "who are you?")
        let result = try RNNLabProcess.run(["run", "talk.yaml", "--no-render", "--quiet", "--out", "out"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("talk: answered 3 of 3 training questions exactly"), "\(result.output)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/talk/model.safetensors").path))
    }

    /// One lesson, and two that train side by side: neither leaves a file.
    @Test("Ctrl-C stops a run with status 130 and leaves no files", arguments: [["long-sequence"], ["long-sequence", "stock"]])
    func interrupt(lessons: [String]) throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RNNLabProcess.run(
            ["run"] + lessons + ["--iterations", "100000", "--no-render", "--out", out.path], interruptAfter: 1.0)
        #expect(result.status == 130, "\(result.error)")
        #expect(result.error.contains("long-sequence: interrupted after "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }
}
