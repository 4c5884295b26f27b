import Testing

@testable import RNNCore
import RNNTrace

/// Finite-difference checks of backpropagation through time for every cell, alone and stacked,
/// including the gradients of the input and of the initial state.
@Suite("Recurrent gradients")
struct RecurrentGradientTests {
    static let steps = 4, batch = 2, inputSize = 3, hiddenSize = 4

    @Test("backward through time matches finite differences", arguments: CellKind.allCases, [1, 2])
    func stackGradients(cell: CellKind, layers: Int) {
        var generator = SeededGenerator(seed: 11)
        let stack = RecurrentStack(
            cell: cell, inputSize: Self.inputSize, hiddenSize: Self.hiddenSize, layerCount: layers, generator: &generator)
        let input = GradientCheck.random([Self.steps, Self.batch, Self.inputSize], seed: 2)
        let initial = RecurrentState(
            hidden: (0..<layers).map { GradientCheck.random([Self.batch, Self.hiddenSize], seed: 30 + UInt64($0), bound: 0.5) },
            cell: cell.hasCellState
                ? (0..<layers).map { GradientCheck.random([Self.batch, Self.hiddenSize], seed: 40 + UInt64($0)) } : nil)
        let stateCount = Self.batch * Self.hiddenSize
        let outputWeights = GradientCheck.weights(Self.steps * stateCount, seed: 5)
        let finalWeights = RecurrentState(
            hidden: (0..<layers).map { GradientCheck.weights(stateCount, seed: 50 + UInt64($0)) },
            cell: cell.hasCellState ? (0..<layers).map { GradientCheck.weights(stateCount, seed: 60 + UInt64($0)) } : nil)

        func loss() -> Double {
            let outputs = stack.forward(input.pointer, steps: Self.steps, batch: Self.batch, initialState: initial)
            let final = stack.finalState()
            var total = GradientCheck.dot(outputWeights, outputs)
            for layer in 0..<layers {
                total += GradientCheck.dot(finalWeights.hidden[layer], final.hidden[layer].pointer)
                if let cells = final.cell { total += GradientCheck.dot(finalWeights.cell![layer], cells[layer].pointer) }
            }
            return total
        }

        _ = loss()
        for parameter in stack.parameters { parameter.zeroGradient() }
        let inputGradient = stack.backward(
            outputGradient: outputWeights.pointer, finalStateGradient: finalWeights, inputGradient: true)!
        let analyticInput = Array(UnsafeBufferPointer(start: inputGradient, count: input.count))
        let initialGradient = stack.initialStateGradient()

        let label = "\(cell.rawValue) × \(layers)"
        for parameter in stack.parameters {
            GradientCheck.check(
                "\(label) \(parameter.name)", values: parameter.value, analytic: parameter.gradient.values,
                changed: parameter.markChanged, loss: loss)
        }
        GradientCheck.check("\(label) input", values: input, analytic: analyticInput, loss: loss)
        for layer in 0..<layers {
            GradientCheck.check(
                "\(label) h0[\(layer)]", values: initial.hidden[layer], analytic: initialGradient.hidden[layer].values,
                loss: loss)
            if let cells = initial.cell {
                GradientCheck.check(
                    "\(label) c0[\(layer)]", values: cells[layer], analytic: initialGradient.cell![layer].values, loss: loss)
            }
        }
    }

    @Test("‖∂L/∂h_t‖ is the norm of the total gradient reaching each step")
    func gradientNormsRecorded() {
        var generator = SeededGenerator(seed: 3)
        let layer = RecurrentLayer(cell: .rnn, inputSize: 2, hiddenSize: 3, generator: &generator)
        let input = GradientCheck.random([5, 1, 2], seed: 4)
        layer.forward(input.pointer, steps: 5, batch: 1)
        // Only the last step receives a gradient from above: the norm at that step is its norm.
        let fromAbove = Tensor(shape: [5, 1, 3])
        fromAbove[12] = 3
        fromAbove[13] = 4
        layer.backward(outputGradient: fromAbove.pointer)
        #expect(abs(layer.gradientNorms[4] - 5) < 1e-6)
        #expect(layer.gradientNorms[0] > 0 && layer.gradientNorms[0] < layer.gradientNorms[4])
    }
}
