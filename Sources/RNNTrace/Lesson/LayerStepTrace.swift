/// What one recurrent layer computed at one time step.
public struct LayerStepTrace: Codable, Sendable, Equatable {
    /// The hidden state after the step, `h_t`.
    public var h: [Float]
    /// The LSTM cell state after the step, `c_t`.
    public var c: [Float]?
    /// Gate activations by name: LSTM `i f g o`, GRU `r z n`; absent for a plain RNN.
    public var gates: [String: [Float]]
    /// Gate pre-activations by the same names (for an RNN, `a` = the argument of tanh).
    public var preActivations: [String: [Float]]
    /// ‖∂L/∂h_t‖: how much the loss depends on this hidden state, from this step and all later ones.
    public var gradientNorm: Float

    /// Creates a layer step.
    public init(
        h: [Float], c: [Float]? = nil, gates: [String: [Float]] = [:], preActivations: [String: [Float]] = [:],
        gradientNorm: Float
    ) {
        self.h = h
        self.c = c
        self.gates = gates
        self.preActivations = preActivations
        self.gradientNorm = gradientNorm
    }
}
