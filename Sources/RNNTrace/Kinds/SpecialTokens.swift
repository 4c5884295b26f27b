/// The special tokens of a word vocabulary, as traces write them: the engine's `Vocabulary`
/// puts them first, in this order, and the figures name a decoder's last output by them.
public enum SpecialTokens {
    /// The padding token, at index 0 of a vocabulary with special tokens.
    public static let pad = "<pad>"
    /// The start-of-sequence token a decoder is first fed, at index 1.
    public static let sos = "<sos>"
    /// The end-of-sequence token a decoder writes last, at index 2.
    public static let eos = "<eos>"
    /// The token that stands for any word outside the vocabulary, at index 3.
    public static let unk = "<unk>"
}
