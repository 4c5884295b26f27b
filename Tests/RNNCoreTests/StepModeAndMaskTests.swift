import Testing

@testable import RNNCore

/// Feeding a layer one step at a time, and padding masks, against the plain full pass.
@Suite("Step mode and padding masks")
struct StepModeAndMaskTests {
    static func layer(_ cell: CellKind) -> RecurrentLayer {
        var generator = SeededGenerator(seed: 8)
        return RecurrentLayer(cell: cell, inputSize: 3, hiddenSize: 4, generator: &generator)
    }

    @Test("step by step equals the full pass, forward and backward", arguments: CellKind.allCases)
    func stepMode(cell: CellKind) {
        let full = Self.layer(cell), stepped = Self.layer(cell)
        let input = GradientCheck.random([5, 2, 3], seed: 1)
        let fromAbove = GradientCheck.random([5, 2, 4], seed: 2)
        let outputs = full.forward(input.pointer, steps: 5, batch: 2)
        let fullInputGradient = full.backward(outputGradient: fromAbove.pointer)!
        stepped.beginSteps(steps: 5, batch: 2)
        for t in 0..<5 { stepped.step(input.pointer + t * 6, at: t) }
        #expect(Array(UnsafeBufferPointer(start: stepped.outputs, count: 40)) == Array(UnsafeBufferPointer(start: outputs, count: 40)))
        stepped.beginBackward()
        var inputGradients: [Float] = []
        for t in stride(from: 4, through: 0, by: -1) {
            stepped.backwardStep(at: t, outputGradient: fromAbove.pointer + t * 8)
            inputGradients = Array(UnsafeBufferPointer(start: stepped.inputGradient(at: t), count: 6)) + inputGradients
        }
        stepped.finishBackward()
        #expect(inputGradients == Array(UnsafeBufferPointer(start: fullInputGradient, count: 30)))
        for (a, b) in zip(full.parameters, stepped.parameters) { #expect(a.gradient.values == b.gradient.values) }
    }

    @Test("a padded sequence ends in the state of its own last token", arguments: CellKind.allCases)
    func paddingCarriesState(cell: CellKind) {
        let layer = Self.layer(cell)
        let input = GradientCheck.random([4, 2, 3], seed: 3)
        let mask = Tensor(shape: [4, 2], values: [1, 1, 1, 1, 1, 0, 1, 0])  // sequence 1 has 2 steps
        layer.forward(input.pointer, steps: 4, batch: 2, mask: mask.pointer)
        let paddedFinal = Array(UnsafeBufferPointer(start: layer.hidden(at: 3) + 4, count: 4))
        let alone = Self.layer(cell)
        let short = Tensor(shape: [2, 1, 3], values: [input[3], input[4], input[5], input[9], input[10], input[11]])
        alone.forward(short.pointer, steps: 2, batch: 1)
        #expect(paddedFinal == Array(UnsafeBufferPointer(start: alone.hidden(at: 1), count: 4)))
    }

    @Test("gradients through padding match finite differences", arguments: CellKind.allCases)
    func paddingGradients(cell: CellKind) {
        let layer = Self.layer(cell)
        let input = GradientCheck.random([4, 2, 3], seed: 3)
        let mask = Tensor(shape: [4, 2], values: [1, 1, 1, 0, 1, 0, 1, 0])
        let finalWeights = GradientCheck.weights(8, seed: 4)
        let cellWeights = GradientCheck.weights(8, seed: 5)
        let outputWeights = GradientCheck.weights(32, seed: 6)
        for row in [3, 5, 7] { for j in 0..<4 { outputWeights[row * 4 + j] = 0 } }  // padded outputs unused
        func loss() -> Double {
            let outputs = layer.forward(input.pointer, steps: 4, batch: 2, mask: mask.pointer)
            var total = GradientCheck.dot(outputWeights, outputs) + GradientCheck.dot(finalWeights, layer.hidden(at: 3))
            if cell.hasCellState { total += GradientCheck.dot(cellWeights, layer.cellState(at: 3)) }
            return total
        }
        _ = loss()
        let inputGradient = layer.backward(
            outputGradient: outputWeights.pointer, finalHiddenGradient: finalWeights.pointer,
            finalCellGradient: cell.hasCellState ? cellWeights.pointer : nil)!
        let analytic = Array(UnsafeBufferPointer(start: inputGradient, count: 24))
        GradientCheck.check("\(cell) input with padding", values: input, analytic: analytic, loss: loss)
        for parameter in layer.parameters {
            GradientCheck.check(
                "\(cell) \(parameter.name) with padding", values: parameter.value, analytic: parameter.gradient.values,
                changed: parameter.markChanged, loss: loss)
        }
        #expect((9..<12).allSatisfy { analytic[$0] == 0 } && (21..<24).allSatisfy { analytic[$0] == 0 }, "padded inputs")
    }
}
