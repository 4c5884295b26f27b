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
