import Testing

@testable import RNNCore
import RNNTrace

/// Finite-difference checks of the linear layer, the embedding, the losses and a whole
/// many-to-one model.
@Suite("Layer and loss gradients")
struct LayerGradientTests {
    @Test("linear layer")
    func linear() {
        var generator = SeededGenerator(seed: 1)
        let layer = Linear(inputSize: 5, outputSize: 3, name: "fc", generator: &generator)
        let input = GradientCheck.random([4, 5], seed: 2)
        let weights = GradientCheck.weights(12, seed: 3)
        func loss() -> Double { GradientCheck.dot(weights, layer.forward(input.pointer, rows: 4)) }
        _ = loss()
        let inputGradient = Array(UnsafeBufferPointer(start: layer.backward(weights.pointer), count: 20))
        for parameter in layer.parameters {
            GradientCheck.check(
                parameter.name, values: parameter.value, analytic: parameter.gradient.values,
                changed: parameter.markChanged, loss: loss)
        }
        GradientCheck.check("linear input", values: input, analytic: inputGradient, loss: loss)
    }

    @Test("embedding adds gradients into the rows it looked up, repeated tokens included")
    func embedding() {
        var generator = SeededGenerator(seed: 1)
        let table = Embedding(vocabularySize: 6, dimension: 3, name: "embedding", generator: &generator)
        let tokens = [2, 5, 2, 0]
        let weights = GradientCheck.weights(12, seed: 7)
        func loss() -> Double { GradientCheck.dot(weights, table.forward(tokens)) }
        _ = loss()
        table.backward(weights.pointer)
        GradientCheck.check(
            "embedding.weight", values: table.weight.value, analytic: table.weight.gradient.values,
            changed: table.weight.markChanged, loss: loss)
        #expect(table.weight.gradient[3] == 0, "row 1 was never looked up")
    }

    @Test("cross-entropy, with an ignored (padded) row")
    func crossEntropy() {
        let logits = GradientCheck.random([4, 5], seed: 9, bound: 3)
        let targets = [1, 4, CrossEntropy.ignoredTarget, 0]
        let gradient = Tensor(shape: [4, 5])
        let probabilities = Tensor(shape: [4, 5])
        CrossEntropy.loss(
            logits: logits.pointer, targets: targets, classes: 5, probabilities: probabilities.pointer,
            gradient: gradient.pointer)
        GradientCheck.check("cross-entropy logits", values: logits, analytic: gradient.values) {
            Double(CrossEntropy.loss(logits: logits.pointer, targets: targets, classes: 5))
        }
        for row in 0..<4 {
            let sum = (0..<5).reduce(Float(0)) { $0 + probabilities[row * 5 + $1] }
            #expect(abs(sum - 1) < 1e-6)
        }
        #expect((10..<15).allSatisfy { gradient[$0] == 0 })
    }

    @Test("cross-entropy of uniform logits is log(classes)")
    func crossEntropyValue() {
        let logits = Tensor(shape: [2, 4])
        let value = CrossEntropy.loss(logits: logits.pointer, targets: [0, 3], classes: 4)
        #expect(abs(value - Float(1.3862944)) < 1e-6)
    }

    @Test("squared error, summed and averaged", arguments: [SquaredError.Reduction.sum, .mean])
    func squaredError(reduction: SquaredError.Reduction) {
        let predictions = GradientCheck.random([6], seed: 4)
        let targets = GradientCheck.random([6], seed: 5)
        let gradient = Tensor(shape: [6])
        let value = SquaredError.loss(
            predictions: predictions.pointer, targets: targets.pointer, count: 6, reduction: reduction,
            gradient: gradient.pointer)
        let expected = (0..<6).reduce(Float(0)) { $0 + (predictions[$1] - targets[$1]) * (predictions[$1] - targets[$1]) }
        #expect(abs(value - (reduction == .sum ? expected : expected / 6)) < 1e-6)
        GradientCheck.check("squared error (\(reduction))", values: predictions, analytic: gradient.values) {
            Double(SquaredError.loss(predictions: predictions.pointer, targets: targets.pointer, count: 6, reduction: reduction))
        }
    }

    @Test("many-to-one model (stock lesson's shape) through the loss", arguments: CellKind.allCases)
    func manyToOne(cell: CellKind) {
        var generator = SeededGenerator(seed: 21)
        let model = SequenceModel(
            shape: .init(cell: cell, inputSize: 5, hiddenSize: 6, layers: 1, outputSize: 1, readout: .lastStep),
            generator: &generator)
        let input = GradientCheck.random([7, 3, 5], seed: 22)
        let targets = GradientCheck.random([3], seed: 23)
        let gradient = Tensor(shape: [3])
        func loss() -> Double {
            let output = model.forward(input.pointer, steps: 7, batch: 3)
            return Double(SquaredError.loss(predictions: output, targets: targets.pointer, count: 3, reduction: .sum))
        }
        let output = model.forward(input.pointer, steps: 7, batch: 3)
        SquaredError.loss(predictions: output, targets: targets.pointer, count: 3, reduction: .sum, gradient: gradient.pointer)
        for parameter in model.parameters { parameter.zeroGradient() }
        model.backward(gradient.pointer)
        for parameter in model.parameters {
            GradientCheck.check(
                "\(cell) \(parameter.name)", values: parameter.value, analytic: parameter.gradient.values,
                changed: parameter.markChanged, loss: loss)
        }
    }
}
