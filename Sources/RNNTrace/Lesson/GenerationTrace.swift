/// What a generate lesson adds to its trace: the one input and the held-out outputs.
public struct GenerationTrace: Codable, Sendable, Equatable {
    /// The input the figures show, as written (`"42"`).
    public var input: String
    /// The token that ends every output.
    public var endToken: String
    /// Every held-out example: its input, the output expected and the output generated.
    public var heldOut: [GeneratedExample]

    /// Creates a generation trace.
    public init(input: String, endToken: String, heldOut: [GeneratedExample]) {
        self.input = input
        self.endToken = endToken
        self.heldOut = heldOut
    }
}
