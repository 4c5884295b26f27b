/// How a corpus writes the space between two tokens, learnt from its texts, so that generated
/// text is joined as the corpus writes it: "tanh(w_hh" and "between -1 and 1" where the texts
/// have no space, "(1 - z)" where they have one — which the general rules of
/// `WordTokenizer.detokenize` cannot tell apart.
///
/// ```swift
/// let spacing = TokenSpacing(texts: ["h_t = tanh(x_t).", "values between -1 and 1"])
/// WordTokenizer().detokenize(["tanh", "(", "x", ")"], spacing: spacing)  // "tanh(x)"
/// ```
public struct TokenSpacing: Sendable {
    /// How often each pair of neighbouring tokens was written with and without a space.
    private var counts: [Pair: (spaced: Int, joined: Int)] = [:]

    private struct Pair: Hashable, Sendable {
        var previous: String
        var next: String
    }

    /// Learns the spacing of every pair of neighbouring tokens in `texts`.
    public init(texts: [String], tokenizer: WordTokenizer = WordTokenizer()) {
        for text in texts {
            let tokens = tokenizer.tokenizeAsWritten(text)
            for (previous, next) in zip(tokens, tokens.dropFirst()) {
                let pair = Pair(previous: previous.text, next: next.text)
                var count = counts[pair] ?? (0, 0)
                if next.spaceBefore { count.spaced += 1 } else { count.joined += 1 }
                counts[pair] = count
            }
        }
    }

    /// Whether the corpus writes a space between `previous` and `next` (as it does most often;
    /// a space on a tie), or `nil` when it never wrote them side by side.
    public func spaceBetween(_ previous: String, _ next: String) -> Bool? {
        counts[Pair(previous: previous, next: next)].map { $0.spaced >= $0.joined }
    }
}
