/// Seeded mutations of corpus files, in the spirit of libFuzzer's: the same seed gives the same
/// mutants.
struct Mutator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    /// A number in `0..<bound` (splitmix64).
    private mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
    }

    /// Texts that parsers treat specially: numbers at the edges, separators, YAML and JSON syntax.
    private static let tokens: [[UInt8]] = [
        "0", "-1", "1e39", "-1e400", "nan", "inf", "9999999999999999999", "0.5", "\t", "\n", ",", ":", ": ", "- ", "~", "null",
        "\"", "'", "[", "]", "{", "}", "&a ", "*a", "<<: ", "#", "\r\n", "\u{1}", "\u{FEFF}", "é", "😀", "\\u0000", "true",
    ].map { Array($0.utf8) }

    /// One to four mutations of one corpus file (sometimes spliced with another).
    mutating func mutant(of corpus: [[UInt8]]) -> [UInt8] {
        var bytes = corpus[next(corpus.count)]
        for _ in 0...next(4) { mutate(&bytes, corpus: corpus) }
        return bytes
    }

    private mutating func mutate(_ bytes: inout [UInt8], corpus: [[UInt8]]) {
        let position = next(bytes.count + 1)
        switch next(9) {
        case 0 where !bytes.isEmpty:  // flip a bit
            bytes[min(position, bytes.count - 1)] ^= UInt8(1 << next(8))
        case 1 where !bytes.isEmpty:  // change a byte
            bytes[min(position, bytes.count - 1)] = UInt8(next(256))
        case 2 where !bytes.isEmpty:  // delete a run
            let end = min(bytes.count, position + 1 + next(16))
            bytes.removeSubrange(min(position, bytes.count - 1)..<end)
        case 3:  // insert random bytes
            bytes.insert(contentsOf: (0...next(8)).map { _ in UInt8(next(256)) }, at: position)
        case 4:  // insert a special text
            bytes.insert(contentsOf: Self.tokens[next(Self.tokens.count)], at: position)
        case 5 where !bytes.isEmpty:  // repeat a chunk
            let end = min(bytes.count, position + 1 + next(64))
            let chunk = Array(bytes[min(position, bytes.count - 1)..<end])
            for _ in 0...next(8) { bytes.insert(contentsOf: chunk, at: min(end, bytes.count)) }
        case 6 where bytes.count > 8:  // swap two chunks of eight bytes
            let a = next(bytes.count - 8), b = next(bytes.count - 8)
            for index in 0..<8 { bytes.swapAt(a + index, b + index) }
        case 7:  // splice: the start of this file and the rest of another
            let other = corpus[next(corpus.count)]
            bytes = Array(bytes.prefix(position)) + other.suffix(from: min(next(other.count + 1), other.count))
        default:  // overwrite a little-endian word with an edge value (lengths, offsets)
            guard bytes.count >= 8 else { return }
            let at = next(bytes.count - 7)
            let values: [UInt64] = [0, 1, 0xFF, 0x7FFF_FFFF, 0xFFFF_FFFF, UInt64(Int64.max), UInt64.max, UInt64(bytes.count)]
            let value = values[next(values.count)]
            for index in 0..<8 { bytes[at + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
        }
    }
}
