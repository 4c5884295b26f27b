/// The attention of a seq2seq decoder.
public enum AttentionKind: String, CaseIterable, Sendable, Codable {
    /// Additive attention (Bahdanau et al. 2014).
    case bahdanau
    /// No attention: the decoder sees only the encoder's final state.
    case none

    /// Reads the attention's name; another name is an error that lists the kinds.
    public init(from decoder: any Decoder) throws {
        self = try KindName.decode(from: decoder, what: "an attention")
    }
}
