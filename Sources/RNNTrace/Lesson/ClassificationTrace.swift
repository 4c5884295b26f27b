/// What a classify lesson adds to its trace: the labels, how the shown sentence's label
/// probabilities grew word by word, and the held-out confusion matrix.
public struct ClassificationTrace: Codable, Sendable, Equatable {
    /// The labels, in the order of the model's outputs.
    public var labels: [String]
    /// Where the output layer reads: `last-step` or `mean`.
    public var readout: String
    /// For the shown input, `[t][label]`: the probability of each label had the input ended after
    /// token t — what the network would answer after reading tokens 0…t.
    public var evidence: [[Float]]
    /// The held-out examples counted by true label (rows) and predicted label (columns), when the
    /// lesson has held-out examples.
    public var confusion: [[Int]]?
    /// The shown input's tokens that the vocabulary does not know, read as nothing (`<unk>`).
    public var unknownTokens: [String]

    /// Creates a classification trace.
    public init(labels: [String], readout: String, evidence: [[Float]], confusion: [[Int]]? = nil, unknownTokens: [String] = []) {
        self.labels = labels
        self.readout = readout
        self.evidence = evidence
        self.confusion = confusion
        self.unknownTokens = unknownTokens
    }

    /// The steps after which the likeliest label changes: `t` where `evidence[t]`'s likeliest
    /// label differs from `evidence[t − 1]`'s.
    public var flips: [Int] {
        let likeliest = evidence.map { row in row.indices.max { row[$0] < row[$1] } ?? 0 }
        return likeliest.indices.dropFirst().filter { likeliest[$0] != likeliest[$0 - 1] }
    }
}
