import Testing

@testable import RNNCore
import RNNTrace

/// One-hot input rows given by their hot indices: looked up instead of multiplied.
@Suite("One-hot inputs")
struct OneHotInputTests {
    /// Sequences of lengths 4, 4, 3, 2, 2 and 1 (tokens first) over 7 classes.
    static let steps = 4, batch = 6, classes = 7, hidden = 5
    static let lengths = [4, 4, 3, 2, 2, 1]

    /// The outputs of real steps and every parameter gradient of a layer (fresh, from one
    /// seed) run forward and backward on one-hot rows, with or without their hot indices.
    static func run(cell: CellKind, skipping: Bool, hot: Bool) -> (outputs: [Float], gradients: [[Float]]) {
        var generator = SeededGenerator(seed: 3)
        let indices = (0..<steps * batch).map { _ in generator.nextInt(below: classes) }
        let input = OneHot.tensor(indices, classes: classes)
        let mask = Tensor(shape: [steps, batch])
        for t in 0..<steps { for b in 0..<batch where t < lengths[b] { mask[t * batch + b] = 1 } }
        let layer = RecurrentLayer(cell: cell, inputSize: classes, hiddenSize: hidden, generator: &generator)
        let outputs = layer.forward(
            input.pointer, steps: steps, batch: batch, mask: skipping ? UnsafePointer(mask.pointer) : nil,
            skippingEnded: skipping, hotIndices: hot ? indices : nil)
        let real = (0..<steps * batch).filter { !skipping || mask[$0] == 1 }
        let gradient = GradientCheck.random([steps, batch, hidden], seed: 4)
        for row in 0..<steps * batch where !real.contains(row) {
            (gradient.pointer + row * hidden).update(repeating: 0, count: hidden)
        }
        layer.backward(outputGradient: gradient.pointer, inputGradient: false)
        return (real.flatMap { row in (0..<hidden).map { outputs[row * hidden + $0] } }, layer.parameters.map(\.gradient.values))
    }

    @Test(
        "hot indices give the bits of the product with one-hot rows, skipping ended sequences or not",
        arguments: [CellKind.rnn, .lstm, .gru], [false, true])
    func sameBits(cell: CellKind, skipping: Bool) {
        let looked = Self.run(cell: cell, skipping: skipping, hot: true)
        let multiplied = Self.run(cell: cell, skipping: skipping, hot: false)
        #expect(looked.outputs == multiplied.outputs)
        #expect(looked.gradients == multiplied.gradients)
        #expect(looked.gradients[0].contains { $0 != 0 }, "W_ih must have a gradient")
    }

    @Test("the lookup and the gradient rows match their definitions")
    func definitions() {
        let weightT: [Float] = [1, 2, 3, 4, 5, 6]  // [classes 3][width 2]
        var sums = [Float](repeating: 0, count: 4)
        OneHot.lookUp([2, 0], weightT: weightT, width: 2, startingFrom: [10, 20], into: &sums)
        #expect(sums == [15, 26, 11, 22])
        var gradient: [Float] = [0, 0, 0, 0, 0, 0]  // [width 2][classes 3]
        OneHot.addGradient([1, 2, 3, 4, 5, 6], indices: [2, 0, 2], width: 2, classes: 3, into: &gradient)
        #expect(gradient == [3, 0, 6, 4, 0, 8])
    }
}
