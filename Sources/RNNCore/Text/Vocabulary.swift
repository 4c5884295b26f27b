import RNNTrace

/// A fixed list of tokens and the index of each: how words or characters become the integers a
/// network reads and writes.
///
/// A word vocabulary, for sequence-to-sequence models, starts with four special tokens —
/// `<pad>` (index 0), `<sos>` (1), `<eos>` (2), `<unk>` (3) — followed by the tokens it was
/// built from in order of first appearance. That order depends only on the input, so the same
/// data always gives the same indices.
///
/// A character vocabulary, for the character lessons, has no special tokens: index 0 is the
/// first character of the text, as in the lecture's "hihello" → `[h, i, e, l, o]`.
///
/// ```swift
/// let vocabulary = Vocabulary(tokens: ["hi", "there", "hi"])  // <pad> <sos> <eos> <unk> hi there
/// vocabulary.encode(["hi", "you"])      // (indices: [4, 3], unknown: ["you"])
/// vocabulary.decode([1, 4, 5, 2, 0])    // ["hi", "there"]
/// ```
public struct Vocabulary: Sendable, Equatable {
    /// The padding token, at index 0 of a vocabulary with special tokens.
    public static let pad = SpecialTokens.pad
    /// The start-of-sequence token a decoder is first fed, at index 1.
    public static let sos = SpecialTokens.sos
    /// The end-of-sequence token a decoder writes last, at index 2.
    public static let eos = SpecialTokens.eos
    /// The token that stands for any word outside the vocabulary, at index 3.
    public static let unk = SpecialTokens.unk
    /// The special tokens in index order.
    public static let specialTokens = [pad, sos, eos, unk]

    /// The index of `<pad>` in a vocabulary with special tokens.
    public static let padIndex = 0
    /// The index of `<sos>` in a vocabulary with special tokens.
    public static let sosIndex = 1
    /// The index of `<eos>` in a vocabulary with special tokens.
    public static let eosIndex = 2
    /// The index of `<unk>` in a vocabulary with special tokens.
    public static let unkIndex = 3

    /// Every token, the token at position `i` having index `i`.
    public let tokens: [String]
    /// Whether the vocabulary starts with `<pad>`, `<sos>`, `<eos>` and `<unk>`.
    public let hasSpecialTokens: Bool
    /// The index of each token.
    private let indices: [String: Int]

    /// Creates a vocabulary of the distinct `tokens`, in order of first appearance.
    ///
    /// - Parameters:
    ///   - tokens: the tokens to index; repeats are ignored.
    ///   - specialTokens: whether to put `<pad>`, `<sos>`, `<eos>`, `<unk>` first. Special
    ///     tokens found in `tokens` keep their reserved index instead of a second one.
    public init(tokens: some Sequence<String>, specialTokens: Bool = true) {
        var list = specialTokens ? Self.specialTokens : []
        var indices = Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1, $0) })
        for token in tokens where indices[token] == nil {
            indices[token] = list.count
            list.append(token)
        }
        self.tokens = list
        self.indices = indices
        self.hasSpecialTokens = specialTokens
    }

    /// Creates a character vocabulary: the distinct characters of `text` in order of first
    /// appearance, each as a one-character token, without special tokens.
    ///
    /// Encode a text for it with `encode(text.map(String.init))`.
    public init(characters text: String) {
        self.init(tokens: text.map(String.init), specialTokens: false)
    }

    /// The number of tokens, special tokens included: the width of a one-hot input or of the
    /// output layer.
    public var count: Int { tokens.count }

    /// The index of `token`, or `nil` when it is not in the vocabulary.
    public func index(of token: String) -> Int? {
        indices[token]
    }

    /// The token at `index`, or `nil` when `index` is outside `0..<count`.
    public func token(at index: Int) -> String? {
        tokens.indices.contains(index) ? tokens[index] : nil
    }

    /// The indices of `tokens`, and the distinct tokens that are not in the vocabulary, in order
    /// of first appearance.
    ///
    /// An unknown token is encoded as `<unk>`; in a vocabulary without special tokens it has no
    /// index and is left out of `indices`.
    public func encode(_ tokens: [String]) -> (indices: [Int], unknown: [String]) {
        var encoded: [Int] = []
        var unknown: [String] = []
        encoded.reserveCapacity(tokens.count)
        for token in tokens {
            if let index = indices[token] {
                encoded.append(index)
                continue
            }
            if !unknown.contains(token) {
                unknown.append(token)
            }
            if hasSpecialTokens {
                encoded.append(Self.unkIndex)
            }
        }
        return (encoded, unknown)
    }

    /// The tokens of `indices`: with special tokens, it stops at the first `<eos>` and skips
    /// `<pad>` and `<sos>` (`<unk>` is kept, so a reader sees that a word was unknown).
    ///
    /// - Precondition: every index is in `0..<count`.
    public func decode(_ indices: [Int]) -> [String] {
        var decoded: [String] = []
        for index in indices {
            precondition(tokens.indices.contains(index), "token index \(index) outside 0..<\(count)")
            if hasSpecialTokens {
                if index == Self.eosIndex { break }
                if index == Self.padIndex || index == Self.sosIndex { continue }
            }
            decoded.append(tokens[index])
        }
        return decoded
    }
}

extension Vocabulary: Codable {
    private enum CodingKeys: String, CodingKey {
        case tokens
        case specialTokens
    }

    /// Reads a vocabulary written by `encode(to:)`: `{"tokens": […], "specialTokens": true}`,
    /// where `tokens` lists every token in index order, special tokens included.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when a token repeats or the special tokens are
    ///   missing from the start of the list.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let tokens = try container.decode([String].self, forKey: .tokens)
        let specialTokens = try container.decode(Bool.self, forKey: .specialTokens)
        if specialTokens && !tokens.starts(with: Self.specialTokens) {
            throw DecodingError.dataCorruptedError(
                forKey: .tokens, in: container,
                debugDescription: "a vocabulary with special tokens must start with \(Self.specialTokens)")
        }
        if Set(tokens).count != tokens.count {
            throw DecodingError.dataCorruptedError(
                forKey: .tokens, in: container, debugDescription: "a vocabulary lists each token once")
        }
        let ordinary = tokens.dropFirst(specialTokens ? Self.specialTokens.count : 0)
        self.init(tokens: ordinary, specialTokens: specialTokens)
    }

    /// Writes the tokens in index order, special tokens included, and whether there are special
    /// tokens.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(hasSpecialTokens, forKey: .specialTokens)
    }
}
