/// One input and what the network wrote for it.
public struct GeneratedExample: Codable, Sendable, Equatable {
    /// The input, as written.
    public var input: String
    /// The output expected, without the end token.
    public var expected: String
    /// The output generated, without the end token.
    public var generated: String

    /// Creates an example.
    public init(input: String, expected: String, generated: String) {
        self.input = input
        self.expected = expected
        self.generated = generated
    }

    /// Whether the output is exactly the one expected.
    public var isExact: Bool { expected == generated }
}
