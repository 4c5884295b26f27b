import Testing

@testable import RNNCore
import RNNTrace

/// Finite-difference checks of attention, of a one-step decoder and of whole seq2seq models.
@Suite("Seq2seq gradients")
struct Seq2SeqGradientTests {
    @Test("additive attention: parameters, encoder outputs and decoder states")
    func attention() {
        var generator = SeededGenerator(seed: 4)
        let attention = BahdanauAttention(queryWidth: 3, valueWidth: 4, size: 5, generator: &generator)
        let encoderOutputs = GradientCheck.random([3, 2, 4], seed: 5)
        let mask = Tensor(shape: [3, 2], values: [1, 1, 1, 1, 1, 0])
        let states = GradientCheck.random([2, 2, 3], seed: 6)
        let weights = GradientCheck.weights(16, seed: 7)
        func loss() -> Double {
            attention.prepare(encoderOutputs: encoderOutputs.pointer, sourceSteps: 3, batch: 2, mask: mask.pointer, decoderSteps: 2)
            var total = 0.0
            for t in 0..<2 {
                let context = attention.step(at: t, state: states.pointer + t * 6)
                for j in 0..<8 { total += Double(weights[t * 8 + j]) * Double(context[j]) }
            }
            return total
        }
        _ = loss()
        #expect(attention.weights(at: 0)[5] == 0, "a padded position gets no attention")
        #expect(abs(attention.weights(at: 0)[3] + attention.weights(at: 0)[4] - 1) < 1e-6)
        attention.beginBackward()
        var stateGradient = [Float](repeating: 0, count: 12)
        for t in stride(from: 1, through: 0, by: -1) {
            let result = attention.backwardStep(at: t, contextGradient: weights.pointer + t * 8)
            for j in 0..<6 { stateGradient[t * 6 + j] = result[j] }
        }
        attention.finishBackward(steps: 2, states: states.pointer)
        let outputGradient = Array(UnsafeBufferPointer(start: attention.encoderOutputGradient, count: 24))
        for parameter in attention.parameters {
            GradientCheck.check(
                parameter.name, values: parameter.value, analytic: parameter.gradient.values, changed: parameter.markChanged,
                loss: loss)
        }
        GradientCheck.check("attention encoder outputs", values: encoderOutputs, analytic: outputGradient, loss: loss)
        GradientCheck.check("attention decoder states", values: states, analytic: stateGradient, loss: loss)
    }

    static let shapes: [(CellKind, Int, Bool)] = [
        (.gru, 1, true), (.lstm, 1, true), (.rnn, 1, true), (.gru, 2, true), (.lstm, 2, false), (.gru, 1, false),
    ]

    @Test("whole model with padding, every parameter", arguments: 0..<shapes.count)
    func wholeModel(index: Int) {
        let (cell, layers, attention) = Self.shapes[index]
        Self.checkModel(
            cell: cell, layers: layers, attention: attention, sources: [[4, 5, 6], [7, 4]], targets: [[5, 6], [4, 5, 6]])
    }

    @Test("a bidirectional encoder, with attention (2H-wide values and context) and without", arguments: [
        (CellKind.gru, 1, true), (.lstm, 2, true), (.lstm, 1, false),
    ])
    func bidirectional(cell: CellKind, layers: Int, attention: Bool) {
        Self.checkModel(
            cell: cell, layers: layers, attention: attention, bidirectional: true, sources: [[4, 5, 6], [7, 4]],
            targets: [[5, 6], [4, 5, 6]])
    }

    @Test("one decoder step (empty answers: just <eos>)")
    func oneDecoderStep() {
        Self.checkModel(cell: .gru, layers: 1, attention: true, sources: [[4, 5], [6]], targets: [[], []])
    }

    static func checkModel(
        cell: CellKind, layers: Int, attention: Bool, bidirectional: Bool = false, sources: [[Int]], targets: [[Int]]
    ) {
        var generator = SeededGenerator(seed: 12)
        let model = Seq2SeqModel(
            shape: .init(
                cell: cell, vocabularySize: 8, embeddingSize: 3, hiddenSize: 4, layers: layers, attention: attention,
                bidirectional: bidirectional),
            generator: &generator)
        let batch = Seq2SeqBatch(sources: sources, targets: targets)
        func loss() -> Double {
            Double(CrossEntropy.loss(logits: model.forward(batch), targets: batch.decoderTargets, classes: 8))
        }
        let scores = model.forward(batch)
        let gradient = Tensor(shape: [batch.targetSteps * batch.size, 8])
        CrossEntropy.loss(logits: scores, targets: batch.decoderTargets, classes: 8, gradient: gradient.pointer)
        for parameter in model.parameters { parameter.zeroGradient() }
        model.backward(gradient.pointer)
        let label = "\(cell) ×\(layers) attention \(attention)\(bidirectional ? " bidirectional" : "")"
        for parameter in model.parameters {
            GradientCheck.check(
                "\(label) \(parameter.name)", values: parameter.value, analytic: parameter.gradient.values,
                changed: parameter.markChanged, loss: loss)
        }
    }
}
