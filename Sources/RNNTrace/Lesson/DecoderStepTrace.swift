/// One decoder step of a seq2seq answer.
public struct DecoderStepTrace: Codable, Sendable, Equatable {
    /// The step's index, from 0.
    public var t: Int
    /// The token fed in (`<sos>` first, then the previous output).
    public var inputToken: String
    /// The token chosen at this step.
    public var outputToken: String
    /// Attention over the source tokens (sums to 1), when the model attends.
    public var attention: [Float]?
    /// The decoder state after the step.
    public var state: [Float]
    /// The context vector `c_t`, when the model attends.
    public var context: [Float]?
    /// The most likely next tokens, most likely first.
    public var topTokens: [String]
    /// Their probabilities.
    public var topProbabilities: [Float]

    /// Creates a decoder step.
    public init(
        t: Int, inputToken: String, outputToken: String, attention: [Float]?, state: [Float],
        context: [Float]?, topTokens: [String], topProbabilities: [Float]
    ) {
        self.t = t
        self.inputToken = inputToken
        self.outputToken = outputToken
        self.attention = attention
        self.state = state
        self.context = context
        self.topTokens = topTokens
        self.topProbabilities = topProbabilities
    }
}
