import Testing

@testable import RNNCore
import RNNTrace

/// ‖∂L_T/∂h_t‖ — the loss of one output step carried back — against finite differences of that
/// loss when h_t itself moves: the steps after t are run again from the moved state.
@Suite("Gradient flow")
struct GradientFlowTests {
    static let steps = 6, inputSize = 3, hiddenSize = 4, outputStep = 4

    /// The model's state after steps 0…t of `input`, `[1][H]` per layer.
    static func state(_ model: SequenceModel, _ input: Tensor, through t: Int) -> RecurrentState {
        model.forward(input.pointer, steps: t + 1, batch: 1)
        return model.recurrent.finalState()
    }

    /// L_T when the state after step t is `state`: the steps t+1…T run from it, then the loss of step T.
    static func loss(_ model: SequenceModel, _ input: Tensor, from state: RecurrentState, after t: Int, target: SequenceModel.StepTarget) -> Double {
        let features = model.shape.inputSize, classes = model.shape.outputSize
        let output: UnsafeMutablePointer<Float>
        if t == outputStep {
            output = model.head.forward(state.hidden.last!.pointer, rows: 1)
        } else {
            let suffix = Tensor(shape: [outputStep - t, 1, features], values: Array(input.values[(t + 1) * features..<(outputStep + 1) * features]))
            let all = model.forward(suffix.pointer, steps: outputStep - t, batch: 1, initialState: state)
            output = all + (model.outputRows - 1) * classes
        }
        switch target {
        case .classIndex(let index):
            return Double(CrossEntropy.loss(logits: output, targets: [index], classes: classes))
        case .values(let values):
            return Double(SquaredError.loss(predictions: output, targets: values, count: classes, reduction: .sum))
        }
    }

    @Test("‖∂L_T/∂h_t‖ of the top layer equals finite differences of L_T", arguments: CellKind.allCases, [1, 2])
    func matchesFiniteDifferences(cell: CellKind, layers: Int) {
        for (readout, target) in [(SequenceModelShape.Readout.everyStep, SequenceModel.StepTarget.classIndex(2)), (.lastStep, .values([0.7, -0.2, 0.4]))] {
            var generator = SeededGenerator(seed: 21)
            let model = SequenceModel(
                shape: .init(cell: cell, inputSize: Self.inputSize, hiddenSize: Self.hiddenSize, layers: layers, outputSize: 3, readout: readout),
                generator: &generator)
            // A last-step readout has its only output at the last step: T is the last step there.
            let steps = readout == .everyStep ? Self.steps : Self.outputStep + 1
            let input = GradientCheck.random([steps, 1, Self.inputSize], seed: 3, bound: 2)
            let flow = model.gradientFlow(input.pointer, steps: steps, outputStep: Self.outputStep, target: target)
            #expect(flow.count == layers && flow.allSatisfy { $0.count == Self.outputStep + 1 })
            #expect(model.parameters.allSatisfy { $0.gradient.values.allSatisfy { $0 == 0 } }, "parameter gradients left zero")
            for t in 0...Self.outputStep {
                let state = Self.state(model, input, through: t)
                let top = state.hidden[layers - 1]
                var squares = 0.0
                for unit in 0..<Self.hiddenSize {
                    let original = top[unit]
                    top[unit] = original + GradientCheck.step
                    let up = Self.loss(model, input, from: state, after: t, target: target)
                    top[unit] = original - GradientCheck.step
                    let down = Self.loss(model, input, from: state, after: t, target: target)
                    top[unit] = original
                    let derivative = (up - down) / Double(2 * GradientCheck.step)
                    squares += derivative * derivative
                }
                let numeric = squares.squareRoot(), analytic = Double(flow[layers - 1][t])
                #expect(
                    abs(numeric - analytic) <= 2e-3 + 2e-2 * numeric,
                    "\(cell) × \(layers) \(readout) t = \(t): finite difference \(numeric) vs \(analytic)")
            }
        }
    }

    @Test("a plain RNN with σ_max(W_hh) = 0.5 keeps at most half of the gradient per step back")
    func fadesForAPlainRNN() {
        var generator = SeededGenerator(seed: 4)
        let model = SequenceModel(shape: .init(cell: .rnn, inputSize: 3, hiddenSize: 8, layers: 1, outputSize: 3), generator: &generator)
        // Shrink W_hh to σ_max 0.5: each step back may keep at most half of the gradient.
        let weight = model.recurrent.layers[0].weightHH
        let sigma = Float(weight.value.largestSingularValue())
        for index in 0..<weight.value.count { weight.value[index] *= 0.5 / sigma }
        weight.markChanged()
        #expect(abs(model.recurrentSingularValues![0] - 0.5) < 1e-5)
        let input = GradientCheck.random([20, 1, 3], seed: 8)
        let flow = model.gradientFlow(input.pointer, steps: 20, outputStep: 19, target: .classIndex(0))[0]
        for t in 1..<20 { #expect(flow[t - 1] <= 0.5 * flow[t] * 1.0001, "step \(t - 1) keeps at most σ_max of step \(t)") }
    }

    @Test("the largest singular value of known matrices")
    func largestSingularValue() {
        #expect(abs(Tensor(shape: [3, 3], values: [3, 0, 0, 0, -2, 0, 0, 0, 0.5]).largestSingularValue() - 3) < 1e-9)
        // [[1, 1], [0, 1]]: σ_max = (1 + √5) / 2.
        #expect(abs(Tensor(shape: [2, 2], values: [1, 1, 0, 1]).largestSingularValue() - (1 + 5.0.squareRoot()) / 2) < 1e-7)
        // A 2 × 3 matrix of rank 1, u vᵀ: σ_max = ‖u‖ ‖v‖.
        let u: [Float] = [1, 2], v: [Float] = [2, -1, 2]
        let outer = Tensor(shape: [2, 3], values: u.flatMap { a in v.map { a * $0 } })
        #expect(abs(outer.largestSingularValue() - 5.0.squareRoot() * 3) < 1e-6)
        #expect(Tensor(shape: [2, 2]).largestSingularValue() == 0)
    }

    @Test("a shape's parameter count is the model's", arguments: CellKind.allCases, [1, 3])
    func parameterCount(cell: CellKind, layers: Int) {
        var generator = SeededGenerator(seed: 1)
        let shape = SequenceModelShape(cell: cell, inputSize: 7, hiddenSize: 5, layers: layers, outputSize: 4)
        let model = SequenceModel(shape: shape, generator: &generator)
        #expect(shape.parameterCount == model.parameters.reduce(0) { $0 + $1.value.count })
    }
}
