/// What an encoder–decoder asks of its encoder: the outputs it reads over the source (the
/// attention's values), the state the decoder starts from, and the way back. A stack of
/// recurrent layers (`RecurrentStack`) reads the source forward; a `BidirectionalStack` reads it
/// both ways.
protocol SequenceEncoder: AnyObject {
    /// The width of each output, `[steps][batch][outputWidth]`.
    var outputWidth: Int { get }
    /// Every parameter, in checkpoint order.
    var parameters: [Parameter] { get }
    /// The layers whose steps a trace shows (the forward direction), bottom first.
    var recordedLayers: [RecurrentLayer] { get }
    /// The cached transposes of the weights the forward pass multiplies by.
    var transposes: [TransposedWeight] { get }

    /// Reads `[steps][batch][inputSize]` inputs (`mask`: `[steps][batch]`, each sequence's tokens
    /// first) and returns the outputs. `skippingEnded` lets an encoder skip the rows of ended
    /// sequences where it can (for training, which never reads the outputs of padded steps).
    func encode(
        _ input: UnsafePointer<Float>, steps: Int, batch: Int, mask: UnsafePointer<Float>?, skippingEnded: Bool,
        recorder: (any StepRecorder)?
    ) -> UnsafeMutablePointer<Float>

    /// The state the decoder starts from after the last `encode`, one `[batch][H]` per decoder layer.
    func finalState() -> RecurrentState

    /// Backpropagates ∂L/∂outputs and ∂L/∂ of the decoder's first state; returns ∂L/∂input when asked.
    @discardableResult
    func backward(
        outputGradient: UnsafePointer<Float>?, finalStateGradient: RecurrentState?, inputGradient: Bool
    ) -> UnsafeMutablePointer<Float>?

    /// An encoder of the same shape that reads this one's parameters and accumulates gradients of
    /// its own (for training on another part of a batch at the same time).
    func sharingParameters() -> any SequenceEncoder
}

extension RecurrentStack: SequenceEncoder {
    var outputWidth: Int { hiddenSize }
    var recordedLayers: [RecurrentLayer] { layers }
    var transposes: [TransposedWeight] { layers.flatMap(\.transposes) }

    func encode(
        _ input: UnsafePointer<Float>, steps: Int, batch: Int, mask: UnsafePointer<Float>?, skippingEnded: Bool,
        recorder: (any StepRecorder)?
    ) -> UnsafeMutablePointer<Float> {
        forward(input, steps: steps, batch: batch, mask: mask, skippingEnded: skippingEnded, recorder: recorder)
    }

    func sharingParameters() -> any SequenceEncoder { RecurrentStack(sharingParametersOf: self) }
}

extension BidirectionalStack: SequenceEncoder {
    var recordedLayers: [RecurrentLayer] { forwardLayers }

    /// Both directions read every row (`skippingEnded` is a speed-up this encoder does without).
    func encode(
        _ input: UnsafePointer<Float>, steps: Int, batch: Int, mask: UnsafePointer<Float>?, skippingEnded: Bool,
        recorder: (any StepRecorder)?
    ) -> UnsafeMutablePointer<Float> {
        forward(input, steps: steps, batch: batch, mask: mask, recorder: recorder)
    }

    func backward(
        outputGradient: UnsafePointer<Float>?, finalStateGradient: RecurrentState?, inputGradient: Bool
    ) -> UnsafeMutablePointer<Float>? {
        backward(outputGradient: outputGradient, finalStateGradient: finalStateGradient, directionStateGradient: nil, inputGradient: inputGradient)
    }

    func sharingParameters() -> any SequenceEncoder { BidirectionalStack(sharingParametersOf: self) }
}
