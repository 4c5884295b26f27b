import RNNCore

/// A text kept once, as the vocabulary index of each of its characters (two bytes a character),
/// so that a book costs memory in proportion to its length and nothing more.
///
/// The vocabulary is the text's distinct characters in order of first appearance: "hihello"
/// gives `h i e l o`, as lab 12-1 writes its `idx2char`. A character is what Swift calls one
/// (a grapheme cluster): a Windows line break `\r\n` is one character, as is `é` written with a
/// combining accent. ASCII text is read byte by byte, with the same result, many times faster.
public struct TextCorpus: Sendable {
    /// The most distinct characters a text may have.
    public static let largestVocabulary = Int(UInt16.max) + 1

    /// The distinct characters.
    public let vocabulary: Vocabulary
    /// The index of every character of the text, in order.
    public let indices: [UInt16]

    /// The number of characters.
    public var count: Int { indices.count }

    /// The corpus of `text`.
    ///
    /// - Throws: `TextCorpus.TooManyCharacters` when the text has more than
    ///   `largestVocabulary` distinct characters.
    public init(_ text: String) throws(TooManyCharacters) {
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } } ?? false
        let (tokens, indices) = ascii ? Self.readASCII(text) : try Self.readCharacters(text)
        vocabulary = Vocabulary(tokens: tokens, specialTokens: false)
        self.indices = indices
    }

    /// The token of each index and the text's indices, one byte a character but for `\r\n`.
    private static func readASCII(_ text: String) -> ([String], [UInt16]) {
        let lineBreak = 128
        var slot = [Int](repeating: -1, count: 129)
        var tokens: [String] = []
        var indices: [UInt16] = []
        text.utf8.withContiguousStorageIfAvailable { bytes in
            indices.reserveCapacity(bytes.count)
            var position = 0
            while position < bytes.count {
                let byte = bytes[position]
                let isLineBreak = byte == 13 && position + 1 < bytes.count && bytes[position + 1] == 10
                let key = isLineBreak ? lineBreak : Int(byte)
                if slot[key] < 0 {
                    slot[key] = tokens.count
                    tokens.append(isLineBreak ? "\r\n" : String(UnicodeScalar(byte)))
                }
                indices.append(UInt16(slot[key]))
                position += isLineBreak ? 2 : 1
            }
        }
        return (tokens, indices)
    }

    /// The token of each index and the text's indices, character by character.
    private static func readCharacters(_ text: String) throws(TooManyCharacters) -> ([String], [UInt16]) {
        var slots: [Character: UInt16] = [:]
        var tokens: [String] = []
        var indices: [UInt16] = []
        indices.reserveCapacity(text.utf8.count)
        for character in text {
            if let slot = slots[character] {
                indices.append(slot)
                continue
            }
            guard tokens.count < largestVocabulary else { throw TooManyCharacters() }
            slots[character] = UInt16(tokens.count)
            indices.append(UInt16(tokens.count))
            tokens.append(String(character))
        }
        return (tokens, indices)
    }

    /// The indices of positions `range` as `Int`s.
    public func indices(_ range: Range<Int>) -> [Int] { indices[range].map(Int.init) }

    /// The first position at or after `start` where `pattern` (vocabulary indices) begins within
    /// the first `end` characters, if any.
    public func firstPosition(of pattern: [Int], from start: Int = 0, before end: Int? = nil) -> Int? {
        let end = end ?? count
        guard let first = pattern.first, end - start >= pattern.count else { return nil }
        return indices.withUnsafeBufferPointer { text in
            var position = start
            while position + pattern.count <= end {
                if Int(text[position]) == first, pattern.indices.allSatisfy({ Int(text[position + $0]) == pattern[$0] }) {
                    return position
                }
                position += 1
            }
            return nil
        }
    }

    /// A text has more distinct characters than a one-hot input can take here.
    public struct TooManyCharacters: Error {}
}
