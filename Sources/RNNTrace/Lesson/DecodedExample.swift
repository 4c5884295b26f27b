/// A held-out question answered by a seq2seq model, with where its decoder looked: one of a few
/// kept per length, for the attention figures of a comparison.
public struct DecodedExample: Codable, Sendable, Equatable {
    /// The question's tokens.
    public var source: [String]
    /// The right answer's tokens.
    public var target: [String]
    /// The model's answer (greedy), without `<eos>`.
    public var answer: [String]
    /// Attention over the source at each answer step, `[answer step][source token]`, when the
    /// model attends.
    public var attention: [[Float]]?

    /// Creates an example.
    public init(source: [String], target: [String], answer: [String], attention: [[Float]]?) {
        self.source = source
        self.target = target
        self.answer = answer
        self.attention = attention
    }

    /// Whether the answer is the right one, token for token.
    public var isExact: Bool { answer == target }
}
