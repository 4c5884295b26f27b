/// The shape of a `SequenceModel`.
public struct SequenceModelShape: Codable, Sendable, Equatable {
    /// Where the output layer reads the recurrent stack.
    public enum Readout: String, Codable, Sendable {
        /// A prediction at every step (character models: many-to-many).
        case everyStep = "every-step"
        /// One prediction from the last step (the stock model: many-to-one).
        case lastStep = "last-step"
    }

    /// The recurrent cell.
    public var cell: CellKind
    /// The width of each input vector.
    public var inputSize: Int
    /// The width of each hidden state.
    public var hiddenSize: Int
    /// The number of stacked recurrent layers.
    public var layers: Int
    /// The width of each output vector.
    public var outputSize: Int
    /// Where the output layer reads.
    public var readout: Readout

    /// Creates a shape.
    public init(cell: CellKind, inputSize: Int, hiddenSize: Int, layers: Int, outputSize: Int, readout: Readout = .everyStep) {
        self.cell = cell
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.layers = layers
        self.outputSize = outputSize
        self.readout = readout
    }

    /// The number of trainable values of a model of this shape: per layer `G·H` rows of
    /// `W_ih` and `W_hh` and two biases, then the output layer's `W` and `b`.
    public var parameterCount: Int {
        let rows = cell.gateCount * hiddenSize
        let recurrent = (0..<layers).reduce(0) { total, layer in
            total + rows * ((layer == 0 ? inputSize : hiddenSize) + hiddenSize + 2)
        }
        return recurrent + hiddenSize * outputSize + outputSize
    }
}

/// A recurrent stack named `rnn` with a linear output layer named `fc` — the model of every
/// character and regression lesson, and of PyTorch's `nn.LSTM(batch_first=True)` + `nn.Linear`.
public final class SequenceModel {
    /// The model's shape.
    public let shape: SequenceModelShape
    /// The recurrent layers.
    public let recurrent: RecurrentStack
    /// The output layer `y_t = W h_t + b`.
    public let head: Linear

    private var steps = 0
    private var batch = 0
    private var headGradient = Workspace()
    private var lossGradient = Workspace()

    /// Creates a model with PyTorch's default initialisation drawn from `generator`
    /// (the recurrent layers first, then the output layer).
    public init(shape: SequenceModelShape, generator: inout SeededGenerator) {
        self.shape = shape
        recurrent = RecurrentStack(
            cell: shape.cell, inputSize: shape.inputSize, hiddenSize: shape.hiddenSize, layerCount: shape.layers,
            prefix: "rnn", generator: &generator)
        head = Linear(inputSize: shape.hiddenSize, outputSize: shape.outputSize, name: "fc", generator: &generator)
    }

    /// Sets the LSTM forget gate's bias of every layer to `value`: `b_ih` of f to `value` and
    /// `b_hh` of f to 0, so that σ(value) is the forget gate's opening for a zero input and state.
    public func setForgetBias(_ value: Float) {
        precondition(shape.cell == .lstm, "only an LSTM has a forget gate")
        let H = shape.hiddenSize
        for layer in recurrent.layers {
            // Gates are stacked i, f, g, o: f is the second block of H rows.
            for unit in H..<2 * H {
                layer.biasIH.value[unit] = value
                layer.biasHH.value[unit] = 0
            }
            layer.biasIH.markChanged()
            layer.biasHH.markChanged()
        }
    }

    /// Every parameter in PyTorch's `state_dict` order.
    public var parameters: [Parameter] { recurrent.parameters + head.parameters }

    /// The number of output rows of the last forward pass: `steps·batch` or `batch`.
    public var outputRows: Int { shape.readout == .everyStep ? steps * batch : batch }

    /// Runs the model on `[steps][batch][inputSize]` inputs and returns the outputs:
    /// `[steps][batch][outputSize]` for `.everyStep`, `[batch][outputSize]` for `.lastStep`.
    /// `hotIndices` gives the hot index of every input row when the rows are one-hot (the same
    /// results, sooner: `RecurrentLayer.forward`).
    @discardableResult
    public func forward(
        _ input: UnsafePointer<Float>, steps: Int, batch: Int, initialState: RecurrentState? = nil,
        hotIndices: [Int]? = nil, recorder: (any StepRecorder)? = nil
    ) -> UnsafeMutablePointer<Float> {
        self.steps = steps
        self.batch = batch
        let hidden = recurrent.forward(
            input, steps: steps, batch: batch, initialState: initialState, hotIndices: hotIndices, recorder: recorder)
        switch shape.readout {
        case .everyStep: return head.forward(hidden, rows: steps * batch)
        case .lastStep: return head.forward(hidden + (steps - 1) * batch * shape.hiddenSize, rows: batch)
        }
    }

    /// Backpropagates ∂L/∂outputs (same layout as `forward`'s result) through the whole model,
    /// adding into every parameter's gradient; returns ∂L/∂input when `inputGradient` is true.
    @discardableResult
    public func backward(
        _ outputGradient: UnsafePointer<Float>, finalStateGradient: RecurrentState? = nil, inputGradient: Bool = false
    ) -> UnsafeMutablePointer<Float>? {
        let hiddenGradient = UnsafePointer(head.backward(outputGradient))
        switch shape.readout {
        case .everyStep:
            return recurrent.backward(
                outputGradient: hiddenGradient, finalStateGradient: finalStateGradient, inputGradient: inputGradient)
        case .lastStep:
            let stateCount = batch * shape.hiddenSize
            let full = headGradient.reserve(steps * stateCount, zeroed: true)
            full.update(repeating: 0, count: (steps - 1) * stateCount)
            (full + (steps - 1) * stateCount).update(from: hiddenGradient, count: stateCount)
            return recurrent.backward(
                outputGradient: full, finalStateGradient: finalStateGradient, inputGradient: inputGradient)
        }
    }

    // MARK: Training

    /// What a training step learns from.
    public enum Targets {
        /// Class indices, one per output row (`CrossEntropy.ignoredTarget` for padding);
        /// the loss is the mean cross-entropy.
        case classes([Int])
        /// Target values, one per output element; the loss is the squared error.
        case values(UnsafePointer<Float>, SquaredError.Reduction)
    }

    /// One optimizer step: zeroes the gradients, runs forward, computes the loss, backpropagates,
    /// and updates the parameters, from the gradients clipped to a global norm of `clip` when
    /// given (the clipping is applied as the optimizer reads them; the gradients keep their values).
    /// `hotIndices` as for `forward`.
    ///
    /// - Returns: the loss before the update.
    @discardableResult
    public func trainStep(
        _ input: UnsafePointer<Float>, steps: Int, batch: Int, hotIndices: [Int]? = nil, targets: Targets,
        optimizer: any Optimizer, clip: Float? = nil
    ) -> Float {
        optimizer.zeroGradients()
        let output = forward(input, steps: steps, batch: batch, hotIndices: hotIndices)
        let count = outputRows * shape.outputSize
        let gradient = lossGradient.reserve(count)
        let loss: Float
        switch targets {
        case .classes(let classes):
            precondition(classes.count == outputRows, "\(classes.count) targets for \(outputRows) outputs")
            loss = CrossEntropy.loss(logits: output, targets: classes, classes: shape.outputSize, gradient: gradient)
        case .values(let values, let reduction):
            loss = SquaredError.loss(predictions: output, targets: values, count: count, reduction: reduction, gradient: gradient)
        }
        backward(gradient)
        optimizer.step(gradientScale: clip.map { GradientClipping.scale(parameters, maximum: $0) } ?? 1)
        return loss
    }
}
