import Foundation
import RNNCore
import Testing

/// Regression tests of issue #22 through the command line: what trapped or printed a raw error
/// now ends with one clear line and a non-zero status.
@Suite("rnnlab robustness")
struct RobustnessCommandTests {
    static let parity = RNNLabProcess.root.appendingPathComponent("Tests/RNNCoreTests/Resources/parity")

    /// The parity GRU checkpoint with the first `count` values of each tensor named in `values`
    /// set to its value, written into `folder` as `name`.
    static func gru(_ values: [String: Float], count: Int = 1, named name: String, in folder: URL) throws -> String {
        let file = try SafeTensors.decode(Array(Data(contentsOf: parity.appendingPathComponent("gru_l1.safetensors"))), source: "gru")
        for (tensor, value) in values {
            let changed = try #require(file.tensors[tensor])
            for index in 0..<min(count, changed.count) { changed[index] = value }
        }
        let url = folder.appendingPathComponent(name)
        try Data(SafeTensors.encode(file.tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, metadata: file.metadata)).write(to: url)
        return url.path
    }

    /// A one-hot input for the parity GRU: [1][2][5].
    static let input = "[[[1,0,0,0,0],[0,1,0,0,0]]]"

    @Test("a GRU checkpoint with a NaN weight: forward and inspect say which tensor, never trap")
    func nanWeight() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try Self.gru(["rnn.weight_hh_l0": .nan], named: "nan.safetensors", in: folder)
        try Data(Self.input.utf8).write(to: folder.appendingPathComponent("x.json"))
        for arguments in [["forward", "--model", model, "--input", "x.json"], ["inspect", "--model", model, "--vocab", "abcd", "--input-json", "x.json"]] {
            let result = try RNNLabProcess.run(arguments, in: folder)
            #expect(result.status == 1, "\(arguments[0]): \(result.error)")
            #expect(result.errorLines == ["Error: nan.safetensors: tensor 'rnn.weight_hh_l0' holds nan at [0, 0]; expected finite weights"], "\(arguments[0])")
            #expect(result.output.isEmpty)
        }
    }

    @Test("a chat model with a NaN weight says which tensor, never traps")
    func chatWithNaN() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TinyChatLesson.write(
            named: "talk", into: folder, pairs: [("hi", "hello !"), ("bye", "see you .")], learningRate: 0.05, iterations: 2, seed: 1, shown: "hi")
        let trained = try RNNLabProcess.run(["run", "talk.yaml", "--no-render", "--quiet", "--out", "out"], in: folder)
        #expect(trained.status == 0, "\(trained.error)")
        let url = folder.appendingPathComponent("out/talk/model.safetensors")
        let file = try SafeTensors.decode(Array(Data(contentsOf: url)), source: "talk")
        try #require(file.tensors["decoder.rnn.weight_hh_l0"])[7] = .nan
        try Data(SafeTensors.encode(file.tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, metadata: file.metadata)).write(to: url)
        let chat = try RNNLabProcess.run(["chat", "talk.yaml", "--out", "out"], in: folder, standardInput: "hi\n")
        #expect(chat.status == 1 && chat.output.isEmpty)
        #expect(chat.errorLines == ["Error: out/talk/model.safetensors: tensor 'decoder.rnn.weight_hh_l0' holds nan at [0, 7]; expected finite weights"])
    }

    @Test("weights so large that the values overflow: forward and inspect name the value, print no JSON with strings")
    func overflowingValues() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try Self.gru(["fc.weight": -3e38, "fc.bias": 3.4e38], count: 28, named: "huge.safetensors", in: folder)
        try Data("[[1,0,0,0,0],[0,1,0,0,0]]".utf8).write(to: folder.appendingPathComponent("steps.json"))
        try Data(Self.input.utf8).write(to: folder.appendingPathComponent("x.json"))
        let forward = try RNNLabProcess.run(["forward", "--model", model, "--input", "x.json"], in: folder)
        #expect(forward.status == 1 && forward.output.isEmpty)
        #expect(forward.errorLines.count == 1 && forward.error.contains("computes a value that is not finite (logits[0]"), "\(forward.error)")
        let inspect = try RNNLabProcess.run(["inspect", "--model", model, "--vocab", "abcd", "--input-json", "steps.json", "--json"], in: folder)
        #expect(inspect.status == 1 && inspect.output.isEmpty)
        #expect(inspect.errorLines.count == 1 && inspect.error.contains("computes a value that is not finite on this input"), "\(inspect.error)")
        let fine = try RNNLabProcess.run(
            ["inspect", "--model", Self.parity.appendingPathComponent("gru_l1.safetensors").path, "--vocab", "abcd", "--input-json", "steps.json", "--json"],
            in: folder)
        #expect(fine.status == 0, "\(fine.error)")
        #expect(!fine.output.contains("\"nan\"") && !fine.output.contains("\"inf\""))
    }

    @Test("valid JSON numbers out of a float's range, and targets that are not whole, are named at their place")
    func jsonNumbers() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = Self.parity.appendingPathComponent("gru_l1.safetensors").path
        try Data("[[[1,0,0,0,0],[0,1e39,0,0,0]]]".utf8).write(to: folder.appendingPathComponent("big.json"))
        try Data(Self.input.utf8).write(to: folder.appendingPathComponent("x.json"))
        try Data("[[0,0.5]]".utf8).write(to: folder.appendingPathComponent("half.json"))
        let big = try RNNLabProcess.run(["forward", "--model", model, "--input", "big.json"], in: folder)
        #expect(big.errorLines == ["Error: big.json: at [0][1][1]: 1e+39 is too large for a 32-bit float; expected a number of at most 3.4e38 in size"])
        let half = try RNNLabProcess.run(["forward", "--model", model, "--input", "x.json", "--targets", "half.json"], in: folder)
        #expect(half.errorLines == ["Error: half.json: at [0][1]: 0.5 is not a whole number; expected a class index"])
    }

    @Test(
        "negative numbers on the command line get the option's own message",
        arguments: [
            (["view", "x.json", "--at", "-1"], "Error: --at must be 0 or more"),
            (["step", "hello", "--at", "-1"], "Error: --at must be 0 or more"),
            (["sample", "hello", "--prime", "h", "--length", "-5"], "Error: --length must be 0 to 100000"),
            (["run", "hello", "--learning-rate", "-1"], "Error: --learning-rate: -1 is not a learning rate; expected a number above 0 and at most 100"),
            (["run", "hello", "--learning-rate", "inf"], "Error: --learning-rate: inf is not a learning rate; expected a number above 0 and at most 100"),
            (["run", "hello", "--iterations", "20000000"], "Error: --iterations: 20000000 is not an iteration count; expected 1 to 10000000"),
        ])
    func negativeOptions(arguments: [String], expected: String) throws {
        let result = try RNNLabProcess.run(arguments)
        #expect(result.status == 64)
        #expect(result.errorLines.first == expected)
    }

    @Test("a trace of another format version: view and render refuse it in one line; one of 600 steps draws its figures without step frames")
    func traces() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try RNNLabProcess.run(["run", "hello", "--no-render", "--quiet", "--out", folder.path])
        #expect(run.status == 0, "\(run.error)")
        var trace = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("hello/trace.json"))) as? [String: Any])
        var newer = trace
        newer["formatVersion"] = 99
        try JSONSerialization.data(withJSONObject: newer).write(to: folder.appendingPathComponent("newer.json"))
        for command in ["view", "render"] {
            let result = try RNNLabProcess.run([command, "newer.json"], in: folder)
            #expect(result.status == 1 && result.output.isEmpty)
            #expect(result.errorLines == ["Error: newer.json: written by a newer rnnlab (trace format 99; this one reads 1); run it again with `rnnlab run`"])
        }
        let steps = try #require(trace["steps"] as? [[String: Any]])
        var repeated = (0..<100).flatMap { _ in steps }
        for t in repeated.indices { repeated[t]["t"] = t }
        trace["steps"] = repeated
        try JSONSerialization.data(withJSONObject: trace).write(to: folder.appendingPathComponent("long.json"))
        let render = try RNNLabProcess.run(["render", "long.json", "--out", "figures", "--scale", "0.5"], in: folder)
        #expect(render.status == 0, "\(render.error)")
        #expect(render.errorLines == ["hello: no step frames for 600 steps (at most 100; `rnnlab view` steps through them)"])
        #expect(render.output.split(separator: "\n").count == 8 && !render.output.contains("steps/"))
        let view = try RNNLabProcess.run(["view", "long.json", "--at", "599"], in: folder)
        #expect(view.status == 0 && view.output.contains("599"), "\(view.error)")
    }

    @Test("a lesson with an empty value in the lessons folder: list and run --all report it and go on")
    func emptyValueInFolder() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hello = try String(contentsOf: RNNLabProcess.root.appendingPathComponent("lessons/hello.yaml"), encoding: .utf8)
        try Data(hello.utf8).write(to: folder.appendingPathComponent("hello.yaml"))
        try Data(hello.replacingOccurrences(of: "name: hello", with: "name: broken").replacingOccurrences(of: "task: next-char", with: "task:").utf8)
            .write(to: folder.appendingPathComponent("broken.yaml"))
        let list = try RNNLabProcess.run(["list", "--lessons", folder.path])
        #expect(list.status == 1 && list.output.contains("hello"))
        #expect(list.errorLines.count == 1 && list.error.contains("broken.yaml:5:6: task: empty; expected next-char, regression, classify, generate or seq2seq"))
        let run = try RNNLabProcess.run(["run", "--all", "--lessons", folder.path, "--out", folder.appendingPathComponent("out").path, "--no-render", "--quiet"])
        #expect(run.status == 1 && run.output.contains("hello: predicted"))
        #expect(run.error.contains("broken.yaml:5:6: task: empty"))
    }
}
