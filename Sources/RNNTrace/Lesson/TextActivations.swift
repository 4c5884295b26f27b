/// A character model reading the text it was trained on, from the zero state, step by step: the
/// hidden units whose values vary most over it, each value at each character — what
/// `activations.png` colours the text by (Karpathy et al. 2015), over more than the shown input.
public struct TextActivations: Codable, Sendable, Equatable {
    /// The text's tokens (characters), in order.
    public var tokens: [String]
    /// The units, most varying first.
    public var units: [UnitActivation]

    /// Creates the activations of `units` over `tokens`.
    public init(tokens: [String], units: [UnitActivation]) {
        self.tokens = tokens
        self.units = units
    }
}
