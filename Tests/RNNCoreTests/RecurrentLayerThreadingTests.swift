import Testing

@testable import RNNCore
import RNNTrace

/// A layer that steps its whole batch at once (products shared by columns, element-wise work
/// by halves of the batch) against one that runs each half of the batch on its own thread.
@Suite("Whole-batch steps")
struct RecurrentLayerThreadingTests {
    static func layer(_ cell: CellKind, wholeBatch: Bool) -> RecurrentLayer {
        var generator = SeededGenerator(seed: 21)
        let layer = RecurrentLayer(cell: cell, inputSize: 24, hiddenSize: 128, generator: &generator)
        layer.stepsWholeBatch = wholeBatch
        return layer
    }

    @Test("large layers step the whole batch at once, others split it")
    func threshold() {
        #expect(BatchSplit.stepsWholeBatch(hiddenSize: 512, gateWidth: 2048))
        #expect(!BatchSplit.stepsWholeBatch(hiddenSize: 128, gateWidth: 512))
    }

    /// With and without a padding mask whose ended sequences are skipped; the LSTM's
    /// 512-column step product is then split between the threads by columns.
    @Test(
        "the same bits: outputs, final state, gradients of weights, inputs and state, norms",
        arguments: CellKind.allCases, [false, true])
    func sameBits(cell: CellKind, masked: Bool) {
        let (steps, batch) = (4, 16)
        let input = GradientCheck.random([steps, batch, 24], seed: 22)
        let fromAbove = GradientCheck.random([steps, batch, 128], seed: 23)
        // Sequence b has 4 − b / 6 steps, longest first, as a skipping pass needs.
        let mask = Tensor(shape: [steps, batch], values: (0..<steps * batch).map { Float($0 / batch < 4 - ($0 % batch) / 6 ? 1 : 0) })
        var results: [[[Float]]] = [], norms: [[Float]] = []
        for wholeBatch in [false, true] {
            let layer = Self.layer(cell, wholeBatch: wholeBatch)
            let outputs = layer.forward(
                input.pointer, steps: steps, batch: batch, mask: masked ? mask.pointer : nil, skippingEnded: masked)
            let final = Array(UnsafeBufferPointer(start: layer.hidden(at: steps - 1), count: batch * 128))
            let inputGradient = layer.backward(outputGradient: fromAbove.pointer)!
            var values: [[Float]] = [final, Array(UnsafeBufferPointer(start: inputGradient, count: steps * batch * 24))]
            if !masked { values.append(Array(UnsafeBufferPointer(start: outputs, count: steps * batch * 128))) }
            values.append(Array(UnsafeBufferPointer(start: layer.initialHiddenGradient, count: batch * 128)))
            values += layer.parameters.map(\.gradient.values)
            results.append(values)
            norms.append(layer.gradientNorms)
        }
        #expect(results[0] == results[1])
        // ‖∂L/∂h_t‖ adds the rows' squares in other groups when ended sequences are skipped.
        if masked {
            for (a, b) in zip(norms[0], norms[1]) { #expect(abs(a - b) <= 1e-5 * a) }
        } else {
            #expect(norms[0] == norms[1])
        }
    }
}
