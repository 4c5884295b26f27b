/// Question–answer pairs of token indices, padded into time-major arrays for a `Seq2SeqModel`.
///
/// Sources are padded with `<pad>` and masked; the decoder reads `<sos> y₁ … yₙ` and is taught
/// to produce `y₁ … yₙ <eos>`; padded target positions are ignored by the loss.
public struct Seq2SeqBatch {
    /// The number of pairs.
    public let size: Int
    /// The longest source.
    public let sourceSteps: Int
    /// The longest answer plus one (for `<sos>`/`<eos>`).
    public let targetSteps: Int
    /// Source token indices, `[sourceSteps][size]`, `<pad>` after each source's end.
    public let sourceTokens: [Int]
    /// 1 where a source has a token, 0 at padding, `[sourceSteps][size]`.
    public let sourceMask: Tensor
    /// The length of each source.
    public let sourceLengths: [Int]
    /// Decoder inputs, `[targetSteps][size]`: `<sos>` then the answer, `<pad>` after.
    public let decoderInputs: [Int]
    /// Decoder targets, `[targetSteps][size]`: the answer then `<eos>`, `CrossEntropy.ignoredTarget` after.
    public let decoderTargets: [Int]
    /// The decoder steps of each pair: its answer's length plus one.
    public let targetLengths: [Int]

    /// Pads `sources` and `targets` (token indices without special tokens). Every source must
    /// have at least one token.
    public init(sources: [[Int]], targets: [[Int]]) {
        precondition(sources.count == targets.count && !sources.isEmpty, "a batch needs pairs")
        precondition(sources.allSatisfy { !$0.isEmpty }, "every source needs a token")
        size = sources.count
        sourceSteps = sources.map(\.count).max()!
        targetSteps = targets.map(\.count).max()! + 1
        sourceLengths = sources.map(\.count)
        targetLengths = targets.map { $0.count + 1 }
        var tokens = [Int](repeating: Vocabulary.padIndex, count: sourceSteps * size)
        let mask = Tensor(shape: [sourceSteps, size])
        var inputs = [Int](repeating: Vocabulary.padIndex, count: targetSteps * size)
        var outputs = [Int](repeating: CrossEntropy.ignoredTarget, count: targetSteps * size)
        for (b, source) in sources.enumerated() {
            for (t, token) in source.enumerated() {
                tokens[t * size + b] = token
                mask[t * size + b] = 1
            }
            let answer = targets[b]
            inputs[b] = Vocabulary.sosIndex
            for (t, token) in answer.enumerated() {
                inputs[(t + 1) * size + b] = token
                outputs[t * size + b] = token
            }
            outputs[answer.count * size + b] = Vocabulary.eosIndex
        }
        sourceTokens = tokens
        sourceMask = mask
        decoderInputs = inputs
        decoderTargets = outputs
    }

    /// The pairs of `rows`, as a batch of their own (padded to their own longest).
    public func rows(_ rows: Range<Int>) -> Seq2SeqBatch {
        Seq2SeqBatch(
            sources: rows.map { b in (0..<sourceLengths[b]).map { sourceTokens[$0 * size + b] } },
            targets: rows.map { b in (1..<targetLengths[b]).map { decoderInputs[$0 * size + b] } })
    }

    /// The number of answer tokens the decoder is taught, `<eos>` included: the count the
    /// loss is the mean over.
    public var answerTokens: Int { targetLengths.reduce(0, +) }

    /// Whether any source is shorter than the longest (so the mask matters).
    public var isPadded: Bool { sourceLengths.contains { $0 < sourceSteps } }

    /// The rows of `rows` that decoder step `t` must compute: from the first row of `rows` to
    /// the last whose answer reaches step `t` (empty when none does). The rows after it are
    /// padding at step `t` and at every later step.
    func decodingRows(at t: Int, within rows: Range<Int>) -> Range<Int> {
        rows.throughLast { targetLengths[$0] > t }
    }

    /// An order of pairs, given their answers' lengths, in which training skips the most
    /// padding: by decreasing length, the pairs of even rank first, then those of odd rank.
    ///
    /// Training runs the two halves of a batch on two threads (`Seq2SeqModel.trainStep`), and
    /// each half stops computing a row once that row's answer, and every answer after it in
    /// the half, has ended. In this order both halves hold answers of nearly the same lengths,
    /// longest first, so that the threads have the same work.
    public static func decodingOrder(answerLengths: [Int]) -> [Int] {
        let byLength = answerLengths.indices.sorted { (answerLengths[$0], $1) > (answerLengths[$1], $0) }
        return byLength.indices.filter { $0 % 2 == 0 }.map { byLength[$0] }
            + byLength.indices.filter { $0 % 2 == 1 }.map { byLength[$0] }
    }
}
