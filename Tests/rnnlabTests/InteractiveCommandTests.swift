import Foundation
import Testing

/// `rnnlab step`, `inspect`, `sample` and `chat` on lessons trained into a temporary folder.
@Suite("rnnlab step, inspect, sample, chat")
struct InteractiveCommandTests {
    /// Runs `rnnlab arguments… --out OUT` in a fresh output folder.
    private func run(_ arguments: [String], out: URL) throws -> RNNLabProcess.Result {
        try RNNLabProcess.run(arguments + ["--out", out.path])
    }

    @Test("step hello --at 2 prints the input token, the gates and the prediction; trains first")
    func stepAt() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try run(["step", "hello", "--at", "2"], out: out)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("step t=2 input \"h\""))
        for text in ["input gate", "forget gate", "output gate", "c_t", "h_t", "prediction     e", "target         e"] {
            #expect(result.output.contains(text), "\(text)")
        }
        #expect(result.errorLines.count == 1 && result.error.contains("training the lesson first"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("hello/model.safetensors").path))
        // The second time the model is reused, silently.
        let again = try run(["step", "hello", "--at", "0"], out: out)
        #expect(again.status == 0 && again.error.isEmpty)
    }

    @Test("step piped prints every step; --input takes other characters; unknown ones are one line")
    func stepPiped() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let all = try run(["step", "hello"], out: out)
        #expect(all.status == 0)
        #expect((0..<6).allSatisfy { all.output.contains("step t=\($0) input") } && !all.output.contains("step t=6"))
        let other = try run(["step", "hello", "--input", "lo"], out: out)
        #expect(other.status == 0 && other.output.contains("step t=1 input \"o\"") && !other.output.contains("step t=2"))
        let bad = try run(["step", "hello", "--input", "hxz"], out: out)
        #expect(bad.status != 0 && bad.errorLines.count == 1)
        #expect(bad.error.contains("\"x\", \"z\"") && bad.error.contains("\"h\" \"i\" \"e\" \"l\" \"o\""))
    }

    @Test("--iteration loads a snapshot; a non-snapshot is one line listing the snapshots")
    func iteration() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let early = try run(["step", "hello", "--iteration", "0", "--at", "5"], out: out)
        let late = try run(["step", "hello", "--iteration", "50", "--at", "5"], out: out)
        #expect(early.status == 0 && late.status == 0)
        #expect(late.output.contains("prediction     o") && early.output != late.output)
        let missing = try run(["step", "hello", "--iteration", "7"], out: out)
        #expect(missing.status != 0 && missing.errorLines.count == 1 && missing.error.contains("0, 1, 6, 9, 50"))
    }

    @Test("inspect --csv and --json parse back with one row per value")
    func inspect() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let csv = try run(["inspect", "hello", "--csv"], out: out)
        #expect(csv.status == 0)
        let rows = csv.output.split(separator: "\n").map { $0.split(separator: ",") }
        #expect(rows.first?.joined(separator: ",") == "step,token,layer,quantity,unit,value")
        #expect(rows.dropFirst().allSatisfy { $0.count == 6 && Double($0[5]) != nil })
        #expect(rows.contains { $0[3] == "f" } && rows.contains { $0[3] == "c" })
        let json = try run(["inspect", "hello", "--json"], out: out)
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        let steps = object?["steps"] as? [[String: Any]]
        #expect(steps?.count == 6 && steps?.first?["input"] as? String == "h")
        let layers = steps?.first?["layers"] as? [[String: Any]]
        #expect((layers?.first?["h"] as? [Double])?.count == 5)
    }

    @Test("sample: temperature 0 is deterministic, a seed reproducible, an unknown prime one line")
    func sample() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let greedy = try run(["sample", "hello", "--prime", "hi", "--length", "10", "--temperature", "0"], out: out)
        #expect(greedy.status == 0 && greedy.output == "hihelloooooo\n")
        let first = try run(["sample", "hello", "--prime", "h", "--length", "30", "--seed", "5"], out: out)
        let second = try run(["sample", "hello", "--prime", "h", "--length", "30", "--seed", "5"], out: out)
        #expect(first.status == 0 && first.output == second.output && first.output.count == 32)
        let bad = try run(["sample", "hello", "--prime", "hi!"], out: out)
        #expect(bad.status != 0 && bad.errorLines.count == 1 && bad.error.contains("\"!\""))
    }

    @Test("chat piped: one answer per line, unknown words reported, any script, empty lines")
    func chat() throws {
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let lessons = out.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try TinyChatLesson.write(
            named: "tiny", into: lessons,
            pairs: [
                ("hello", "hi there"), ("how are you?", "i am fine"), ("what is an rnn?", "a recurrent network"),
                ("who are you?", "a small bot"), ("bye", "see you"), ("thank you", "you are welcome"),
            ],
            learningRate: 0.02, iterations: 150, seed: 7, shown: "hello")
        let questions = "what is an rnn?\n\nhow are you foo bar?\n안녕하세요 😀\n" + String(repeating: "why ", count: 100) + "\n"
        let result = try RNNLabProcess.run(["chat", "tiny", "--lessons", lessons.path, "--out", out.path], standardInput: questions)
        #expect(result.status == 0, "\(result.error)")
        let answers = result.output.components(separatedBy: "\n")
        #expect(answers.count == 6 && answers.last == "")
        #expect(answers[0] == "a recurrent network" && answers[1] == "")
        #expect(!answers[2].isEmpty && !answers[3].isEmpty && !answers[4].isEmpty)
        #expect(result.error.contains("I don't know: foo, bar"))
        #expect(result.error.contains("I don't know: 안녕하세요, 😀"))
        #expect(result.error.contains("only the first 40 are read"))

        // --show-attention: the heatmap and its legend follow the answer on standard output; the
        // pictures are numbered on, in this session and the next, never overwriting one.
        let chat = ["chat", "tiny", "--lessons", lessons.path, "--out", out.path, "--show-attention"]
        let shown = try RNNLabProcess.run(chat, standardInput: "what is an rnn?\nhello\n")
        #expect(shown.status == 0 && shown.error.isEmpty, "\(shown.error)")
        let lines = shown.output.components(separatedBy: "\n")
        #expect(lines.first == "a recurrent network")
        #expect(lines.contains { $0.contains("░") || $0.contains("█") })
        #expect(lines.filter { $0.hasPrefix("attention α (each row sums to 1):  blank < 0.2  ░ 0.2–0.4") }.count == 2)
        let pictures = out.appendingPathComponent("tiny/chat")
        #expect(lines.contains("attention: \(pictures.appendingPathComponent("answer-2.png").path)"))
        let first = try Data(contentsOf: pictures.appendingPathComponent("answer-1.png"))
        let again = try RNNLabProcess.run(chat, standardInput: "hello\n")
        #expect(again.output.contains("answer-3.png"), "\(again.output)")
        #expect(try Data(contentsOf: pictures.appendingPathComponent("answer-1.png")) == first)
        #expect(try FileManager.default.contentsOfDirectory(atPath: pictures.path).sorted() == ["answer-1.png", "answer-2.png", "answer-3.png"])
        // The untrained snapshot does not know the answer yet; a non-snapshot is refused in one line.
        let untrained = try RNNLabProcess.run(
            ["chat", "tiny", "--lessons", lessons.path, "--out", out.path, "--iteration", "0"], standardInput: "what is an rnn?\n")
        #expect(untrained.status == 0 && untrained.output != "a recurrent network\n", "\(untrained.error)")
        let trained = try RNNLabProcess.run(
            ["chat", "tiny", "--lessons", lessons.path, "--out", out.path, "--iteration", "150"], standardInput: "what is an rnn?\n")
        #expect(trained.output == "a recurrent network\n", "\(trained.error)")
        let missing = try RNNLabProcess.run(
            ["chat", "tiny", "--lessons", lessons.path, "--out", out.path, "--iteration", "7"], standardInput: "hi\n")
        #expect(missing.status != 0 && missing.errorLines.count == 1, "\(missing.error)")
        let wrongTask = try RNNLabProcess.run(["chat", "hello", "--out", out.path], standardInput: "hi\n")
        #expect(wrongTask.status != 0 && wrongTask.error.contains("chat needs a seq2seq lesson"))
    }

    @Test("A model saved with PyTorch names gives the parity reference's hidden states through inspect --model")
    func pytorchParity() throws {
        let folder = RNNLabProcess.root.appendingPathComponent("Tests/RNNCoreTests/Resources/parity")
        let reference = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("lstm_l1.json"))) as! [String: Any]
        let input = (reference["input"] as! [[[Double]]])[0]
        let expected = ((reference["layers"] as! [[String: Any]])[0]["h"] as! [[[Double]]])[0]
        let out = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let inputURL = out.appendingPathComponent("input.json")
        try JSONSerialization.data(withJSONObject: input).write(to: inputURL)
        let result = try RNNLabProcess.run([
            "inspect", "--model", folder.appendingPathComponent("lstm_l1.safetensors").path, "--vocab", "abcd",
            "--input-json", inputURL.path, "--json",
        ])
        #expect(result.status == 0, "\(result.error)")
        let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        let steps = object?["steps"] as? [[String: Any]] ?? []
        let hidden = steps.map { (($0["layers"] as? [[String: Any]])?.first?["h"] as? [Double]) ?? [] }
        #expect(hidden.count == expected.count)
        for (got, want) in zip(hidden, expected) {
            #expect(got.count == want.count && zip(got, want).allSatisfy { abs($0 - $1) < 1e-5 })
        }
        // Characters need a one-hot model; a vocabulary of the wrong size is one line.
        let wrongSize = try RNNLabProcess.run(
            ["step", "--model", folder.appendingPathComponent("lstm_l1.safetensors").path, "--vocab", "abc", "--at", "0"])
        #expect(wrongSize.status != 0 && wrongSize.errorLines.count == 1 && wrongSize.error.contains("4 outputs"))
    }
}
