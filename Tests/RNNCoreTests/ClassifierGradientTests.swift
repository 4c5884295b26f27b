import Testing

@testable import RNNCore
import RNNTrace

/// Finite-difference checks of a sentence classifier's operations: token embeddings in front of
/// the recurrent stack, sequences of different lengths in one batch (a padding mask), and the
/// last-step and mean readouts, through the cross-entropy of one label per sequence.
@Suite("Classifier gradients")
struct ClassifierGradientTests {
    /// Three sequences of 5, 3 and 1 tokens, padded to 5 steps (time-major).
    static let tokens = [3, 1, 0, 5, 2, 7, 4, 0, 0, 6, 0, 0, 2, 0, 0]
    static let mask: [Float] = [1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0]
    static let labels = [1, 0, 2]

    static func model(_ cell: CellKind, readout: SequenceModelShape.Readout, layers: Int = 1) -> SequenceModel {
        var generator = SeededGenerator(seed: 31)
        return SequenceModel(
            shape: .init(cell: cell, inputSize: 8, hiddenSize: 5, layers: layers, outputSize: 3, readout: readout, embeddingSize: 4),
            generator: &generator)
    }

    static let cases: [(CellKind, SequenceModelShape.Readout)] = CellKind.allCases.flatMap { [($0, .lastStep), ($0, .mean)] }

    @Test("embedding, padding mask and readout through the loss", arguments: cases)
    func classifier(cell: CellKind, readout: SequenceModelShape.Readout) {
        let model = Self.model(cell, readout: readout, layers: 2)
        let mask = Tensor(shape: [5, 3], values: Self.mask)
        func loss() -> Double {
            let logits = model.forward(tokens: Self.tokens, steps: 5, batch: 3, mask: mask.pointer)
            return Double(CrossEntropy.loss(logits: logits, targets: Self.labels, classes: 3))
        }
        let logits = model.forward(tokens: Self.tokens, steps: 5, batch: 3, mask: mask.pointer)
        let gradient = Tensor(shape: [3, 3])
        CrossEntropy.loss(logits: logits, targets: Self.labels, classes: 3, gradient: gradient.pointer)
        for parameter in model.parameters { parameter.zeroGradient() }
        model.backward(gradient.pointer)
        #expect(model.parameters.first?.name == "embedding.weight")
        for parameter in model.parameters {
            GradientCheck.check(
                "\(cell) \(readout) \(parameter.name)", values: parameter.value, analytic: parameter.gradient.values,
                changed: parameter.markChanged, loss: loss)
        }
    }

    @Test("a padded sequence is classified as if it were alone, by either readout", arguments: cases)
    func paddingChangesNothing(cell: CellKind, readout: SequenceModelShape.Readout) {
        let model = Self.model(cell, readout: readout)
        let mask = Tensor(shape: [5, 3], values: Self.mask)
        let batched = model.forward(tokens: Self.tokens, steps: 5, batch: 3, mask: mask.pointer)
        let together = Array(UnsafeBufferPointer(start: batched, count: 9))
        for (row, length) in [5, 3, 1].enumerated() {
            let own = (0..<length).map { Self.tokens[$0 * 3 + row] }
            let alone = model.forward(tokens: own, steps: length, batch: 1)
            for label in 0..<3 {
                #expect(abs(alone[label] - together[row * 3 + label]) < 1e-6, "sequence \(row) label \(label)")
            }
        }
    }

    @Test("the mean readout reads the mean of the top layer's states")
    func meanOfStates() {
        let model = Self.model(.gru, readout: .mean)
        let tokens = [3, 1, 4]
        let logits = Array(UnsafeBufferPointer(start: model.forward(tokens: tokens, steps: 3, batch: 1), count: 3))
        let states = model.recurrent.layers[0].outputs
        let mean = (0..<5).map { j in (0..<3).reduce(Float(0)) { $0 + states[$1 * 5 + j] } / 3 }
        let expected = Array(UnsafeBufferPointer(start: model.head.forward(mean, rows: 1), count: 3))
        for label in 0..<3 { #expect(abs(logits[label] - expected[label]) < 1e-6) }
    }

    @Test("an embedding model's checkpoint loads back with its shape and readout")
    func checkpoint() throws {
        let model = Self.model(.lstm, readout: .mean, layers: 2)
        let bytes = SafeTensors.encode(model.namedTensors, metadata: ["readout": "mean"])
        let loaded = try SequenceModel(checkpoint: try SafeTensors.decode(bytes, source: "m"), source: "m")
        #expect(loaded.shape == model.shape)
        #expect(loaded.shape.parameterCount == model.parameters.reduce(0) { $0 + $1.value.count })
        let a = model.forward(tokens: [1, 2], steps: 2, batch: 1)[0], b = loaded.forward(tokens: [1, 2], steps: 2, batch: 1)[0]
        #expect(a == b)
    }
}
