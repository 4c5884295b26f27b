import RNNTrace

/// What one recurrent layer computed at one time step, for every sequence of the batch.
///
/// The buffers are views into the layer's workspaces and are valid only during the
/// `record` call: copy what you keep. Rows are sequences of the batch.
public struct StepRecord {
    /// The layer, from 0 at the bottom.
    public let layer: Int
    /// The time step, from 0.
    public let step: Int
    /// The number of sequences in the batch.
    public let batch: Int
    /// The width of the layer's input.
    public let inputSize: Int
    /// The width of the hidden state.
    public let hiddenSize: Int
    /// The cell kind, which says how `preActivations` and `activations` are laid out.
    public let cell: CellKind
    /// `x_t`, `[batch][inputSize]`.
    public let input: UnsafeBufferPointer<Float>
    /// `h_{t-1}`, `[batch][hiddenSize]`.
    public let previousHidden: UnsafeBufferPointer<Float>
    /// Gate pre-activations, `[batch][gateCount·hiddenSize]` in the cell's gate order
    /// (for the RNN, the argument of tanh; for the GRU's `n`, `W_in x + b_in + r⊙(W_hn h + b_hn)`).
    public let preActivations: UnsafeBufferPointer<Float>
    /// Gate activations, `[batch][gateCount·hiddenSize]`; empty for the RNN.
    public let activations: UnsafeBufferPointer<Float>
    /// `c_t`, `[batch][hiddenSize]`; empty unless LSTM.
    public let cellState: UnsafeBufferPointer<Float>
    /// `h_t`, `[batch][hiddenSize]`.
    public let hidden: UnsafeBufferPointer<Float>
}

/// Receives every forward step of a recurrent layer, when one is attached.
///
/// When no recorder is attached, a forward pass does no recording work at all.
public protocol StepRecorder: AnyObject {
    /// Called once per layer and time step, after the step is computed.
    func record(_ step: StepRecord)
}
