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

/// One hidden unit's value at every token of a text.
public struct UnitActivation: Codable, Sendable, Equatable {
    /// The layer, from 0.
    public var layer: Int
    /// The unit within the layer, from 0.
    public var unit: Int
    /// Its variance over the text.
    public var variance: Double
    /// h of this unit after each token.
    public var values: [Float]

    /// Creates a unit's activations.
    public init(layer: Int, unit: Int, variance: Double, values: [Float]) {
        self.layer = layer
        self.unit = unit
        self.variance = variance
        self.values = values
    }
}
