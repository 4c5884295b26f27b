/// Why plain RNNs forget: the loss of one output step carried back through time.
///
/// Backpropagation through time multiplies the gradient by the step's Jacobian once per step
/// back: for the Elman RNN, `∂h_t/∂h_{t−1} = diag(1 − h_t²) · W_hh`, so after k steps the
/// gradient of the loss at step T is at most `σ_max(W_hh)^k` times as large (tanh' ≤ 1). With
/// `σ_max < 1` it shrinks geometrically: the network cannot learn what depends on inputs far
/// back (Bengio et al. 1994; Pascanu et al. 2013). The LSTM's cell state adds a path
/// `c_t = f ⊙ c_{t−1} + …` whose Jacobian is the forget gate itself, so with `f ≈ 1` the
/// gradient travels back almost unchanged (Hochreiter & Schmidhuber 1997).
extension SequenceModel {
    /// What the loss of a single output step compares the output with.
    public enum StepTarget: Sendable, Equatable {
        /// A class index: the step's loss is `−log softmax(y_T)[class]`.
        case classIndex(Int)
        /// Target values (`outputSize` of them): the step's loss is `Σ (y_T − target)²`.
        case values([Float])
    }

    /// ‖∂L_T/∂h_t‖ for every layer and every step `t ≤ T`: the gradient of the loss of output
    /// step `T` alone, carried back through time, on one sequence.
    ///
    /// - Parameters:
    ///   - input: one sequence, `[steps][1][inputSize]`.
    ///   - outputStep: T, the step whose loss is taken; for a last-step readout it must be the
    ///     last step (the only one with an output).
    ///   - target: what step T's output is compared with.
    /// - Returns: `[layer][t]` for `t` in `0...T`, bottom layer first. The parameters'
    ///   gradients are zero afterwards.
    public func gradientFlow(
        _ input: UnsafePointer<Float>, steps: Int, outputStep: Int, target: StepTarget, hotIndices: [Int]? = nil
    ) -> [[Float]] {
        precondition((0..<steps).contains(outputStep), "output step \(outputStep) outside 0..<\(steps)")
        precondition(
            shape.readout == .everyStep || outputStep == steps - 1, "a last-step readout has an output at the last step only")
        let output = forward(input, steps: steps, batch: 1, hotIndices: hotIndices)
        let classes = shape.outputSize
        // ∂L_T/∂y: zero at every output row but T's.
        let row = shape.readout == .everyStep ? outputStep : 0
        var gradient = [Float](repeating: 0, count: outputRows * classes)
        gradient.withUnsafeMutableBufferPointer { buffer in
            let rowGradient = buffer.baseAddress! + row * classes
            switch target {
            case .classIndex(let index):
                CrossEntropy.loss(logits: output + row * classes, targets: [index], classes: classes, gradient: rowGradient)
            case .values(let values):
                precondition(values.count == classes, "\(values.count) target values for \(classes) outputs")
                SquaredError.loss(
                    predictions: output + row * classes, targets: values, count: classes, reduction: .sum, gradient: rowGradient)
            }
        }
        gradient.withUnsafeBufferPointer { _ = backward($0.baseAddress!) }
        for parameter in parameters { parameter.zeroGradient() }
        return recurrent.layers.map { Array($0.gradientNorms[0...outputStep]) }
    }

    /// σ_max(W_hh) of every layer of a plain RNN (the bound on how much one step back can
    /// stretch the gradient); `nil` for gated cells, whose W_hh stacks several gates.
    public var recurrentSingularValues: [Float]? {
        guard shape.cell == .rnn else { return nil }
        return recurrent.layers.map { Float($0.weightHH.value.largestSingularValue()) }
    }
}
