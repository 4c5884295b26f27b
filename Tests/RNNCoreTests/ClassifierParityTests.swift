import Foundation
import Testing

@testable import RNNCore

/// A word classifier against PyTorch 2.15 (`Resources/parity/classifier.py`): `nn.Embedding`,
/// a 2-layer recurrent stack over sentences of 5, 3 and 2 tokens padded into one batch, the last
/// real step's state or the mean of the real steps read out by `nn.Linear`, and the mean
/// cross-entropy — logits, loss and every parameter's gradient within 1e-5.
@Suite("PyTorch parity of the classifier")
struct ClassifierParityTests {
    struct Reference: Decodable {
        var cell: String
        var readout: String
        var tokens: [[Int]]
        var lengths: [Int]
        var targets: [Int]
        var logits: NestedArray
        var loss: Float
        var grads: [String: NestedArray]
    }

    @Test("matches PyTorch", arguments: ["lstm_last", "gru_mean", "rnn_mean"])
    func matchesPyTorch(name: String) throws {
        let folder = try #require(Bundle.module.url(forResource: "parity", withExtension: nil))
        let reference = try JSONDecoder().decode(
            Reference.self, from: Data(contentsOf: folder.appendingPathComponent("classifier_\(name).json")))
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("classifier_\(name).safetensors")))
        let model = try SequenceModel(checkpoint: try SafeTensors.decode(bytes, source: name), source: name)
        #expect(model.shape.cell.rawValue == reference.cell && model.shape.readout.rawValue == reference.readout)
        #expect(model.shape.embeddingSize == 4)

        let batch = reference.tokens.count, steps = reference.tokens[0].count
        let tokens = (0..<steps).flatMap { t in reference.tokens.map { $0[t] } }
        let mask = Tensor(shape: [steps, batch], values: (0..<steps).flatMap { t in reference.lengths.map { t < $0 ? 1 : 0 } })
        let logits = model.forward(tokens: tokens, steps: steps, batch: batch, mask: mask.pointer)
        let classes = model.shape.outputSize
        ParityTests.expectClose(
            NestedArray(UnsafeBufferPointer(start: logits, count: batch * classes), shape: [batch, classes]), reference.logits,
            "\(name) logits")
        let gradient = Tensor(shape: [batch, classes])
        let loss = CrossEntropy.loss(logits: logits, targets: reference.targets, classes: classes, gradient: gradient.pointer)
        #expect(abs(loss - reference.loss) <= 1e-5, "\(name) loss \(loss) vs \(reference.loss)")
        for parameter in model.parameters { parameter.zeroGradient() }
        model.backward(gradient.pointer)
        #expect(Set(model.parameters.map(\.name)) == Set(reference.grads.keys))
        for parameter in model.parameters {
            ParityTests.expectClose(NestedArray(parameter.gradient), reference.grads[parameter.name], "\(name) grad \(parameter.name)")
        }
    }
}
