import Foundation
import Testing

/// `rnnlab forward` against a PyTorch parity case, and its errors for bad input files.
@Suite("rnnlab forward")
struct ForwardCommandTests {
    static let parity = RNNLabProcess.root.appendingPathComponent("Tests/RNNCoreTests/Resources/parity")

    struct Reference: Decodable {
        var input: [[[Float]]]
        var targets: [[Int]]
        var logits: [[[Double]]]
        var loss: Double
    }

    struct Output: Decodable {
        var cell: String
        var logits: [[[Double]]]
        var loss: Double?
    }

    static func write(_ value: some Encodable, to url: URL) throws { try JSONEncoder().encode(value).write(to: url) }

    @Test("lstm_l1: logits and loss match PyTorch within 1e-5")
    func parityCase() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: Self.parity.appendingPathComponent("lstm_l1.json")))
        try Self.write(reference.input, to: folder.appendingPathComponent("input.json"))
        try Self.write(reference.targets, to: folder.appendingPathComponent("targets.json"))
        let result = try RNNLabProcess.run(
            [
                "forward", "--model", Self.parity.appendingPathComponent("lstm_l1.safetensors").path, "--input", "input.json",
                "--targets", "targets.json",
            ], in: folder)
        #expect(result.status == 0, "\(result.error)")
        let output = try JSONDecoder().decode(Output.self, from: Data(result.output.utf8))
        #expect(output.cell == "lstm")
        #expect(abs((output.loss ?? .nan) - reference.loss) < 1e-5)
        let got = output.logits.flatMap { $0.flatMap { $0 } }, want = reference.logits.flatMap { $0.flatMap { $0 } }
        #expect(got.count == want.count && zip(got, want).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test(
        "bad input files: non-zero exit and one line naming the file",
        arguments: [
            ("missing.json", nil, "missing.json: no such file"),
            ("input.json", "[[[1, 2]]", "input.json: not valid JSON (expected numbers in [batch][steps][features])"),
            ("input.json", "[[[1, 2, 3, 4, 5]], [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5]]]", "input.json: sequence 1 has 2 steps, sequence 0 has 1"),
            ("input.json", "[[[1, 2, 3]]]", "input.json: at [0][0]: 3 features, the model takes 5"),
            ("input.json", "[[[1, \"x\", 3]]]", "input.json: at [0][0][1]: expected numbers in [batch][steps][features]"),
        ] as [(String, String?, String)])
    func badInput(name: String, contents: String?, expected: String) throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        if let contents { try Data(contents.utf8).write(to: folder.appendingPathComponent(name)) }
        let result = try RNNLabProcess.run(
            ["forward", "--model", Self.parity.appendingPathComponent("lstm_l1.safetensors").path, "--input", name], in: folder)
        #expect(result.status != 0)
        #expect(result.errorLines.count == 1)
        #expect(result.error.contains(expected), "\(result.error)")
    }

    @Test("a file that is not a checkpoint: non-zero exit and one line")
    func badModel() throws {
        let folder = try RNNLabProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("not a checkpoint".utf8).write(to: folder.appendingPathComponent("model.safetensors"))
        try Data("[[[1, 2, 3, 4, 5]]]".utf8).write(to: folder.appendingPathComponent("input.json"))
        let result = try RNNLabProcess.run(["forward", "--model", "model.safetensors", "--input", "input.json"], in: folder)
        #expect(result.status != 0 && result.errorLines.count == 1 && result.error.contains("model.safetensors"))
    }
}
