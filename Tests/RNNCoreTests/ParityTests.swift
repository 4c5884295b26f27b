import Foundation
import Testing

@testable import RNNCore

/// The engine against PyTorch 2.15 reference values (`Resources/parity`, copied from
/// `shared/parity`): every state, gate, logit, the loss and every gradient within 1e-5.
@Suite("PyTorch parity")
struct ParityTests {
    static let cases = ["rnn_l1", "rnn_l2", "lstm_l1", "lstm_l2", "gru_l1", "gru_l2"]

    struct Reference: Decodable {
        struct Layer: Decodable {
            var h: NestedArray
            var c: NestedArray?
            var gates: [String: NestedArray]?
        }
        var cell: String
        var num_layers: Int
        var input: [[[Float]]]
        var targets: [[Int]]
        var layers: [Layer]
        var h_n: NestedArray
        var c_n: NestedArray?
        var logits: NestedArray
        var loss: Float
        var grads: [String: NestedArray]
        var grad_logits: NestedArray
        var grad_rnn_output: NestedArray
        var grad_input: NestedArray
    }

    static func load(_ name: String) throws -> (Reference, SequenceModel) {
        let folder = try #require(Bundle.module.url(forResource: "parity", withExtension: nil))
        let reference = try JSONDecoder().decode(
            Reference.self, from: Data(contentsOf: folder.appendingPathComponent("\(name).json")))
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("\(name).safetensors")))
        let checkpoint = try SafeTensors.decode(bytes, source: "\(name).safetensors")
        return (reference, try SequenceModel(checkpoint: checkpoint, source: name))
    }

    static func expectClose(
        _ actual: NestedArray?, _ expected: NestedArray?, _ what: String, tolerance: Float = 1e-5,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let actual, let expected else {
            #expect(actual == nil && expected == nil, "\(what): present in one only", sourceLocation: sourceLocation)
            return
        }
        #expect(actual.shape == expected.shape, "\(what): shape", sourceLocation: sourceLocation)
        let worst = zip(actual.flattened, expected.flattened).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= tolerance, "\(what): largest difference \(worst)", sourceLocation: sourceLocation)
    }

    @Test("matches PyTorch", arguments: cases)
    func matchesPyTorch(name: String) throws {
        let (reference, model) = try Self.load(name)
        #expect(model.shape.cell.rawValue == reference.cell)
        #expect(model.shape.layers == reference.num_layers)
        let report = ForwardReport(model: model, input: reference.input, targets: reference.targets)
        for (index, layer) in reference.layers.enumerated() {
            Self.expectClose(report.layers[index].h, layer.h, "\(name) layer \(index) h")
            Self.expectClose(report.layers[index].c, layer.c, "\(name) layer \(index) c")
            for (gate, values) in layer.gates ?? [:] {
                Self.expectClose(report.layers[index].gates?[gate], values, "\(name) layer \(index) gate \(gate)")
            }
        }
        Self.expectClose(report.hN, reference.h_n, "\(name) h_n")
        Self.expectClose(report.cN, reference.c_n, "\(name) c_n")
        Self.expectClose(report.logits, reference.logits, "\(name) logits")
        #expect(abs((report.loss ?? .nan) - reference.loss) <= 1e-5, "\(name) loss \(report.loss ?? .nan) vs \(reference.loss)")
        Self.expectClose(report.gradLogits, reference.grad_logits, "\(name) grad_logits")
        Self.expectClose(report.gradRnnOutput, reference.grad_rnn_output, "\(name) grad_rnn_output")
        Self.expectClose(report.gradInput, reference.grad_input, "\(name) grad_input")
        #expect(Set(report.grads?.keys ?? [:].keys) == Set(reference.grads.keys))
        for (key, values) in reference.grads {
            Self.expectClose(report.grads?[key], values, "\(name) grad \(key)")
        }
    }

    @Test("a checkpoint's cell kind is read from its shapes and a wrong claim is refused")
    func cellKindFromShapes() throws {
        let folder = try #require(Bundle.module.url(forResource: "parity", withExtension: nil))
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("gru_l1.safetensors")))
        let checkpoint = try SafeTensors.decode(bytes, source: "gru_l1.safetensors")
        #expect(try SequenceModel(checkpoint: checkpoint, source: "g").shape.cell == .gru)
        #expect(throws: CheckpointError.self) { try SequenceModel(checkpoint: checkpoint, cell: .lstm, source: "g") }
    }
}
