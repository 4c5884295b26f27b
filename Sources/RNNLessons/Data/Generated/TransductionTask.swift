import RNNCore
import RNNTrace

/// Sequence-to-sequence tasks generated from a seed, for encoder–decoders: a string over an
/// alphabet of `symbols` letters (`a`, `b`, …) of a length drawn from `lengths`, answered by the
/// same letters reversed, copied, or sorted.
///
/// Reversal is the hardest for an encoder–decoder without attention: the first letter to write
/// is the last one read, but the last to write was read first, and must survive in the single
/// summary vector the whole way (Sutskever et al. 2014 reversed the *source* to shorten those
/// paths). With attention the decoder looks back at the letter it needs at each step.
struct TransductionTask {
    /// What the answer is.
    let kind: GeneratedData
    /// The alphabet's size.
    let symbols: Int
    /// The lengths the training strings are drawn from.
    let lengths: ClosedRange<Int>

    /// The longest string a task accepts (also the decoder's limit).
    static let longest = 200

    /// The alphabet: `a`, `b`, … (in order, so `sort` has one).
    var letters: [String] { (0..<symbols).map { String(UnicodeScalar(UInt8(ascii: "a") + UInt8($0))) } }

    /// The vocabulary: the special tokens, then the letters.
    var vocabulary: Vocabulary { Vocabulary(tokens: letters) }

    /// The lengths the held-out strings are measured at: the training range and five beyond it,
    /// to see what happens past what was trained.
    var testLengths: ClosedRange<Int> { lengths.lowerBound...min(lengths.upperBound + 5, Self.longest) }

    /// The answer to `source` (token indices).
    func answer(to source: [Int]) -> [Int] {
        switch kind {
        case .reverse: source.reversed()
        case .sort: source.sorted()
        default: source
        }
    }

    /// One string of a length drawn from `lengths`, with its answer.
    func draw(_ generator: inout SeededGenerator) -> (source: [Int], target: [Int]) {
        draw(length: lengths.lowerBound + generator.nextInt(below: lengths.count), &generator)
    }

    /// One string of `length` letters, with its answer.
    func draw(length: Int, _ generator: inout SeededGenerator) -> (source: [Int], target: [Int]) {
        let first = Vocabulary.specialTokens.count
        let source = (0..<length).map { _ in first + generator.nextInt(below: symbols) }
        return (source, answer(to: source))
    }

    /// `pairs` as one padded batch, in the order in which training skips the most padding.
    static func batch(_ pairs: [(source: [Int], target: [Int])]) -> Seq2SeqBatch {
        let ordered = Seq2SeqBatch.decodingOrder(answerLengths: pairs.map(\.target.count)).map { pairs[$0] }
        return Seq2SeqBatch(sources: ordered.map(\.source), targets: ordered.map(\.target))
    }
}
