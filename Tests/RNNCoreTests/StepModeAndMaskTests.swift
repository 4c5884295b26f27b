import Testing

@testable import RNNCore
import RNNTrace

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

    @Test("a batch shared between two threads gives each sequence exactly its values alone", arguments: CellKind.allCases)
    func batchSplit(cell: CellKind) {
        let (steps, batch, inputs, hidden) = (5, 16, 6, 48)
        #expect(BatchSplit.ranges(batch: batch, hiddenSize: hidden, gateWidth: cell.gateCount * hidden).count == 2)
        var generator = SeededGenerator(seed: 5)
        let layer = RecurrentLayer(cell: cell, inputSize: inputs, hiddenSize: hidden, generator: &generator)
        let input = GradientCheck.random([steps, batch, inputs], seed: 6)
        let fromAbove = GradientCheck.random([steps, batch, hidden], seed: 7)
        let mask = Tensor(shape: [steps, batch], values: (0..<steps * batch).map { $0 / batch < 3 || $0 % 3 != 0 ? 1 : 0 })
        let outputs = Array(UnsafeBufferPointer(start: layer.forward(input.pointer, steps: steps, batch: batch, mask: mask.pointer), count: steps * batch * hidden))
        let inputGradient = Array(UnsafeBufferPointer(start: layer.backward(outputGradient: fromAbove.pointer)!, count: steps * batch * inputs))
        let initialGradient = Array(UnsafeBufferPointer(start: layer.initialHiddenGradient, count: batch * hidden))
        for row in 0..<batch {
            func column(_ tensor: Tensor, width: Int) -> Tensor {
                Tensor(shape: [steps, 1, width], values: (0..<steps).flatMap { t in (0..<width).map { tensor[(t * batch + row) * width + $0] } })
            }
            let rowInput = column(input, width: inputs), rowMask = column(mask, width: 1)
            let rowGradient = column(fromAbove, width: hidden)
            defer { withExtendedLifetime((rowInput, rowMask, rowGradient)) {} }
            let alone = layer.forward(rowInput.pointer, steps: steps, batch: 1, mask: rowMask.pointer)
            for t in 0..<steps {
                let together = Array(outputs[(t * batch + row) * hidden..<(t * batch + row + 1) * hidden])
                #expect(Array(UnsafeBufferPointer(start: alone + t * hidden, count: hidden)) == together, "h row \(row) step \(t)")
            }
            let aloneInput = layer.backward(outputGradient: rowGradient.pointer)!
            for t in 0..<steps {
                let together = Array(inputGradient[(t * batch + row) * inputs..<(t * batch + row + 1) * inputs])
                #expect(Array(UnsafeBufferPointer(start: aloneInput + t * inputs, count: inputs)) == together, "dx row \(row) step \(t)")
            }
            #expect(Array(UnsafeBufferPointer(start: layer.initialHiddenGradient, count: hidden)) == Array(initialGradient[row * hidden..<(row + 1) * hidden]))
        }
    }
}
