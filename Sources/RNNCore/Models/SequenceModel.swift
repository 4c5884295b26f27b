import RNNTrace

/// The shape of a `SequenceModel`.
public struct SequenceModelShape: Codable, Sendable, Equatable {
    /// Where the output layer reads the recurrent stack.
    public enum Readout: String, Codable, Sendable {
        /// A prediction at every step (character models: many-to-many).
        case everyStep = "every-step"
        /// One prediction from the last step (the stock model: many-to-one); under a padding
        /// mask, from each sequence's own last step.
        case lastStep = "last-step"
        /// One prediction from the mean of the top layer's states over the steps (over each
        /// sequence's own steps under a padding mask): many-to-one, every step heard equally.
        case mean

        /// Whether the output layer reads one state per sequence rather than one per step.
        public var isManyToOne: Bool { self != .everyStep }
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
    /// The width of the learned vector each input token is looked up as (PyTorch's
    /// `nn.Embedding(inputSize, embeddingSize)` in front of the recurrent stack), or `nil` when
    /// the input vectors are fed as they are. With an embedding, `inputSize` counts the tokens.
    public var embeddingSize: Int?

    /// Creates a shape.
    public init(
        cell: CellKind, inputSize: Int, hiddenSize: Int, layers: Int, outputSize: Int, readout: Readout = .everyStep,
        embeddingSize: Int? = nil
    ) {
        self.cell = cell
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.layers = layers
        self.outputSize = outputSize
        self.readout = readout
        self.embeddingSize = embeddingSize
    }

    /// The width of the bottom recurrent layer's input: the embedding's, or the input's.
    public var recurrentInputSize: Int { embeddingSize ?? inputSize }

    /// The number of trainable values of a model of this shape: the embedding table, per layer
    /// `G·H` rows of `W_ih` and `W_hh` and two biases, then the output layer's `W` and `b`.
    public var parameterCount: Int {
        let rows = cell.gateCount * hiddenSize
        let recurrent = (0..<layers).reduce(0) { total, layer in
            total + rows * ((layer == 0 ? recurrentInputSize : hiddenSize) + hiddenSize + 2)
        }
        return (embeddingSize.map { $0 * inputSize } ?? 0) + recurrent + hiddenSize * outputSize + outputSize
    }
}

/// A recurrent stack named `rnn` with a linear output layer named `fc` — the model of every
/// character and regression lesson, and of PyTorch's `nn.LSTM(batch_first=True)` + `nn.Linear`
/// — optionally with an `nn.Embedding` named `embedding` in front (word classifiers).
public final class SequenceModel {
    /// The model's shape.
    public let shape: SequenceModelShape
    /// The token embedding, when the shape has one.
    public let embedding: Embedding?
    /// The recurrent layers.
    public let recurrent: RecurrentStack
    /// The output layer `y_t = W h_t + b`.
    public let head: Linear

    private var steps = 0
    private var batch = 0
    private var mask: UnsafePointer<Float>?
    private var pooling = ReadoutPooling()
    private var lossGradient = Workspace()

    /// Creates a model with PyTorch's default initialisation drawn from `generator`
    /// (the embedding first, then the recurrent layers, then the output layer).
    public init(shape: SequenceModelShape, generator: inout SeededGenerator) {
        self.shape = shape
        embedding = shape.embeddingSize.map {
            Embedding(vocabularySize: shape.inputSize, dimension: $0, name: "embedding", generator: &generator)
        }
        recurrent = RecurrentStack(
            cell: shape.cell, inputSize: shape.recurrentInputSize, hiddenSize: shape.hiddenSize, layerCount: shape.layers,
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
    public var parameters: [Parameter] { (embedding?.parameters ?? []) + recurrent.parameters + head.parameters }

    /// The number of output rows of the last forward pass: `steps·batch`, or `batch` for a
    /// many-to-one readout.
    public var outputRows: Int { shape.readout.isManyToOne ? batch : steps * batch }

    /// Runs the model on `[steps][batch][inputSize]` inputs and returns the outputs:
    /// `[steps][batch][outputSize]` for `.everyStep`, `[batch][outputSize]` for `.lastStep` and
    /// `.mean`. `hotIndices` gives the hot index of every input row when the rows are one-hot
    /// (the same results, sooner: `RecurrentLayer.forward`); a model with an embedding looks
    /// its tokens up by them and does not read `input` (see `forward(tokens:steps:batch:mask:recorder:)`).
    /// `mask` (`[steps][batch]`, 1 at a token, 0 at padding after a sequence's tokens) lets
    /// sequences of different lengths share a batch: the state is carried over padding, so the
    /// last-step readout reads each sequence's own last step, and the mean its own steps. The
    /// input and mask must stay unchanged until `backward`.
    @discardableResult
    public func forward(
        _ input: UnsafePointer<Float>, steps: Int, batch: Int, initialState: RecurrentState? = nil,
        hotIndices: [Int]? = nil, mask: UnsafePointer<Float>? = nil, recorder: (any StepRecorder)? = nil
    ) -> UnsafeMutablePointer<Float> {
        run(input, steps: steps, batch: batch, initialState: initialState, hotIndices: hotIndices, mask: mask, recorder: recorder)
    }

    /// Runs a model with an embedding on token indices (`[steps][batch]`, time-major); as
    /// `forward(_:steps:batch:initialState:hotIndices:mask:recorder:)`.
    @discardableResult
    public func forward(
        tokens: [Int], steps: Int, batch: Int, mask: UnsafePointer<Float>? = nil, recorder: (any StepRecorder)? = nil
    ) -> UnsafeMutablePointer<Float> {
        precondition(embedding != nil, "token indices alone are the input of a model with an embedding")
        return run(nil, steps: steps, batch: batch, initialState: nil, hotIndices: tokens, mask: mask, recorder: recorder)
    }

    private func run(
        _ input: UnsafePointer<Float>?, steps: Int, batch: Int, initialState: RecurrentState?, hotIndices: [Int]?,
        mask: UnsafePointer<Float>?, recorder: (any StepRecorder)?
    ) -> UnsafeMutablePointer<Float> {
        self.steps = steps
        self.batch = batch
        self.mask = mask
        let hidden: UnsafeMutablePointer<Float>
        if let embedding {
            guard let hotIndices else { preconditionFailure("a model with an embedding reads token indices (hotIndices)") }
            hidden = recurrent.forward(
                embedding.forward(hotIndices), steps: steps, batch: batch, initialState: initialState, mask: mask,
                recorder: recorder)
        } else {
            guard let input else { preconditionFailure("a model without an embedding reads input vectors") }
            hidden = recurrent.forward(
                input, steps: steps, batch: batch, initialState: initialState, mask: mask, hotIndices: hotIndices,
                recorder: recorder)
        }
        guard shape.readout.isManyToOne else { return head.forward(hidden, rows: steps * batch) }
        let pooled = pooling.pool(shape.readout, states: hidden, steps: steps, batch: batch, hidden: shape.hiddenSize, mask: mask)
        return head.forward(pooled, rows: batch)
    }

    /// Backpropagates ∂L/∂outputs (same layout as `forward`'s result) through the whole model,
    /// adding into every parameter's gradient (the embedding's rows too); returns ∂L/∂ of the
    /// recurrent stack's input (the input, or the embedded tokens) when `inputGradient` is true.
    @discardableResult
    public func backward(
        _ outputGradient: UnsafePointer<Float>, finalStateGradient: RecurrentState? = nil, inputGradient: Bool = false
    ) -> UnsafeMutablePointer<Float>? {
        var hiddenGradient = UnsafePointer(head.backward(outputGradient))
        if shape.readout.isManyToOne {
            hiddenGradient = pooling.spread(
                shape.readout, gradient: hiddenGradient, steps: steps, batch: batch, hidden: shape.hiddenSize, mask: mask)
        }
        let result = recurrent.backward(
            outputGradient: hiddenGradient, finalStateGradient: finalStateGradient,
            inputGradient: inputGradient || embedding != nil)
        if let embedding, let result { embedding.backward(result) }
        return inputGradient ? result : nil
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
    /// `hotIndices` and `mask` as for `forward`.
    ///
    /// - Returns: the loss before the update.
    @discardableResult
    public func trainStep(
        _ input: UnsafePointer<Float>, steps: Int, batch: Int, hotIndices: [Int]? = nil, mask: UnsafePointer<Float>? = nil,
        targets: Targets, optimizer: any Optimizer, clip: Float? = nil
    ) -> Float {
        optimizer.zeroGradients()
        let output = forward(input, steps: steps, batch: batch, hotIndices: hotIndices, mask: mask)
        return learn(from: output, targets: targets, optimizer: optimizer, clip: clip)
    }

    /// `trainStep` for a model with an embedding, on token indices (`[steps][batch]`, time-major).
    @discardableResult
    public func trainStep(
        tokens: [Int], steps: Int, batch: Int, mask: UnsafePointer<Float>? = nil, targets: Targets,
        optimizer: any Optimizer, clip: Float? = nil
    ) -> Float {
        optimizer.zeroGradients()
        let output = forward(tokens: tokens, steps: steps, batch: batch, mask: mask)
        return learn(from: output, targets: targets, optimizer: optimizer, clip: clip)
    }

    /// The loss of the last forward pass's `output`, backpropagated, and the optimizer's step.
    private func learn(from output: UnsafeMutablePointer<Float>, targets: Targets, optimizer: any Optimizer, clip: Float?) -> Float {
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
