import Foundation
import Testing

@testable import RNNCore
import RNNTrace

/// The fast engine against the reference engine (`Sources/RNNCore/Reference`), the single oracle
/// of what each operation computes: the same bits where both add in the same order (Adam), and
/// within 1e-5 of the larger value where the fast engine's sums run in another order or its
/// `tanh` and `exp` are its own.
@Suite("The fast engine against the reference engine")
struct ReferenceEngineTests {
    static func expectClose(_ actual: [Float], _ expected: [Float], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, "\(what): size", sourceLocation: sourceLocation)
        let worst = zip(actual, expected).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst <= 1e-5, "\(what): largest difference \(worst)", sourceLocation: sourceLocation)
    }

    /// Row `b` of step `t` of a `[steps][batch][width]` tensor.
    static func row(_ tensor: UnsafePointer<Float>, t: Int, b: Int, batch: Int, width: Int) -> [Float] {
        Array(UnsafeBufferPointer(start: tensor + (t * batch + b) * width, count: width))
    }

    @Test("a recurrent layer forward and backward through time, every cell", arguments: CellKind.allCases)
    func recurrentLayer(cell: CellKind) {
        let (steps, batch, X, H) = (5, 3, 4, 6)
        var generator = SeededGenerator(seed: 31)
        let layer = RecurrentLayer(cell: cell, inputSize: X, hiddenSize: H, generator: &generator)
        let weights = Reference.CellWeights(
            weightIH: layer.weightIH.value.values, weightHH: layer.weightHH.value.values, biasIH: layer.biasIH.value.values,
            biasHH: layer.biasHH.value.values)
        let input = GradientCheck.random([steps, batch, X], seed: 32, bound: 2)
        let outputGradient = GradientCheck.random([steps, batch, H], seed: 33)
        let outputs = layer.forward(input.pointer, steps: steps, batch: batch)
        for parameter in layer.parameters { parameter.zeroGradient() }
        let inputGradient = layer.backward(outputGradient: outputGradient.pointer, inputGradient: true)!

        var gradients = weights.zeros
        var squares = [Float](repeating: 0, count: steps)
        for b in 0..<batch {
            let inputs = (0..<steps).map { Self.row(input.pointer, t: $0, b: b, batch: batch, width: X) }
            let trace = Reference.layerForward(cell, inputs: inputs, hiddenSize: H, weights: weights)
            for t in 0..<steps {
                Self.expectClose(Self.row(outputs, t: t, b: b, batch: batch, width: H), trace[t].hidden, "\(cell) h[\(t)][\(b)]")
            }
            let back = Reference.layerBackward(
                cell, steps: trace, outputGradients: (0..<steps).map { Self.row(outputGradient.pointer, t: $0, b: b, batch: batch, width: H) },
                weights: weights)
            for t in 0..<steps {
                Self.expectClose(Self.row(inputGradient, t: t, b: b, batch: batch, width: X), back.inputGradients[t], "\(cell) dx[\(t)][\(b)]")
                squares[t] += back.hiddenGradientNorms[t] * back.hiddenGradientNorms[t]
            }
            gradients.weightIH = Reference.add(gradients.weightIH, back.gradients.weightIH)
            gradients.weightHH = Reference.add(gradients.weightHH, back.gradients.weightHH)
            gradients.biasIH = Reference.add(gradients.biasIH, back.gradients.biasIH)
            gradients.biasHH = Reference.add(gradients.biasHH, back.gradients.biasHH)
        }
        Self.expectClose(layer.weightIH.gradient.values, gradients.weightIH, "\(cell) dW_ih")
        Self.expectClose(layer.weightHH.gradient.values, gradients.weightHH, "\(cell) dW_hh")
        Self.expectClose(layer.biasIH.gradient.values, gradients.biasIH, "\(cell) db_ih")
        Self.expectClose(layer.biasHH.gradient.values, gradients.biasHH, "\(cell) db_hh")
        Self.expectClose(layer.gradientNorms, squares.map { $0.squareRoot() }, "\(cell) ‖∂L/∂h_t‖")
    }

    @Test("additive attention forward and backward")
    func attention() {
        let (S, B, Q, V, A, T) = (4, 2, 3, 5, 6, 2)
        var generator = SeededGenerator(seed: 41)
        let attention = BahdanauAttention(queryWidth: Q, valueWidth: V, size: A, generator: &generator)
        let weights = Reference.AttentionWeights(
            query: attention.parameters[0].value.values, key: attention.parameters[1].value.values,
            energy: attention.parameters[2].value.values)
        let values = GradientCheck.random([S, B, V], seed: 42)
        let states = GradientCheck.random([T, B, Q], seed: 43)
        let contextGradient = GradientCheck.random([T, B, V], seed: 44)
        attention.prepare(encoderOutputs: values.pointer, sourceSteps: S, batch: B, mask: nil, decoderSteps: T)
        var contexts: [[Float]] = []
        for t in 0..<T { contexts.append(Array(UnsafeBufferPointer(start: attention.step(at: t, state: states.pointer + t * B * Q), count: B * V))) }
        attention.beginBackward()
        var stateGradients = [[Float]](repeating: [], count: T)
        for t in (0..<T).reversed() {
            stateGradients[t] = Array(UnsafeBufferPointer(start: attention.backwardStep(at: t, contextGradient: contextGradient.pointer + t * B * V), count: B * Q))
        }
        attention.finishBackward(steps: T, states: states.pointer)

        var gradients = Reference.AttentionWeights(
            query: weights.query.map { _ in 0 }, key: weights.key.map { _ in 0 }, energy: weights.energy.map { _ in 0 })
        var valueGradients = [Float](repeating: 0, count: S * B * V)
        for b in 0..<B {
            let sourceValues = (0..<S).map { Self.row(values.pointer, t: $0, b: b, batch: B, width: V) }
            for t in 0..<T {
                let step = Reference.attentionForward(state: Self.row(states.pointer, t: t, b: b, batch: B, width: Q), values: sourceValues, weights: weights)
                Self.expectClose(Array(contexts[t][b * V..<(b + 1) * V]), step.context, "context[\(t)][\(b)]")
                Self.expectClose(Array(UnsafeBufferPointer(start: attention.weights(at: t) + b * S, count: S)), step.weights, "α[\(t)][\(b)]")
                let back = Reference.attentionBackward(
                    step, contextGradient: Self.row(contextGradient.pointer, t: t, b: b, batch: B, width: V), weights: weights,
                    gradients: &gradients)
                Self.expectClose(Array(stateGradients[t][b * Q..<(b + 1) * Q]), back.dState, "∂s[\(t)][\(b)]")
                for j in 0..<S { for k in 0..<V { valueGradients[(j * B + b) * V + k] += back.dValues[j][k] } }
            }
        }
        Self.expectClose(Array(UnsafeBufferPointer(start: attention.encoderOutputGradient, count: S * B * V)), valueGradients, "∂h")
        Self.expectClose(attention.parameters[0].gradient.values, gradients.query, "∂W_a")
        Self.expectClose(attention.parameters[1].gradient.values, gradients.key, "∂U_a")
        Self.expectClose(attention.parameters[2].gradient.values, gradients.energy, "∂v")
    }

    @Test("mean cross-entropy and its gradient")
    func crossEntropy() {
        let (rows, classes) = (6, 7)
        let logits = GradientCheck.random([rows, classes], seed: 51, bound: 4)
        let targets = [3, 0, 6, 2, 2, 5]
        let gradient = Tensor(shape: [rows, classes])
        let loss = CrossEntropy.loss(logits: logits.pointer, targets: targets, classes: classes, gradient: gradient.pointer)
        var referenceLoss: Float = 0, referenceGradient: [Float] = []
        for row in 0..<rows {
            let result = Reference.crossEntropy(logits: Array(logits.values[row * classes..<(row + 1) * classes]), target: targets[row])
            referenceLoss += result.loss / Float(rows)
            referenceGradient += result.gradient.map { $0 / Float(rows) }
        }
        Self.expectClose([loss], [referenceLoss], "loss")
        Self.expectClose(gradient.values, referenceGradient, "∂logits")
    }

    @Test("Adam: the same bits, step after step")
    func adam() {
        let parameter = Parameter(name: "p", shape: [37])
        var generator = SeededGenerator(seed: 61)
        generator.fillUniform(parameter.value, bound: 1)
        var values = parameter.value.values
        var state = Reference.AdamState(count: 37)
        let optimizer = Adam(parameters: [parameter], learningRate: 0.01)
        for step in 0..<5 {
            generator.fillUniform(parameter.gradient, bound: Float(step + 1))
            Reference.adamStep(&values, gradient: parameter.gradient.values, state: &state, learningRate: 0.01)
            optimizer.step(gradientScale: 1)
            #expect(parameter.value.values == values, "step \(step)")
        }
    }
}
