import Testing

@testable import RNNCore
import RNNTrace

/// The training path's shortcuts, checked against the plain path: a batch trained in two
/// halves on two threads (or the decoder's steps shared between them), and a read-out of the
/// real answer tokens only.
@Suite("Seq2seq training path")
struct Seq2SeqTrainStepTests {
    static let vocabulary = 20

    /// A model large enough (8 sequences, H = 64) for a batch to be trained in two halves.
    static func model(cell: CellKind = .gru, layers: Int = 1, attention: Bool = true, bidirectional: Bool = false) -> Seq2SeqModel {
        var generator = SeededGenerator(seed: 11)
        return Seq2SeqModel(
            shape: .init(
                cell: cell, vocabularySize: vocabulary, embeddingSize: 16, hiddenSize: 64, layers: layers,
                attention: attention, bidirectional: bidirectional),
            generator: &generator)
    }

    static func sentence(_ b: Int, length: Int, shift: Int) -> [Int] {
        (0..<length).map { 4 + (b * shift + $0 * 5) % (vocabulary - 4) }
    }

    @Test("the decoding order sorts answers longest first, alternating between the halves")
    func decodingOrder() {
        let order = Seq2SeqBatch.decodingOrder(answerLengths: [3, 9, 1, 9, 5, 2])
        #expect(order == [1, 4, 5, 3, 0, 2])
        let batch = Seq2SeqBatch(sources: order.map { _ in [4] }, targets: order.map { Array(repeating: 4, count: [3, 9, 1, 9, 5, 2][$0]) })
        #expect(batch.decodingRows(at: 0, within: 0..<3) == 0..<3)
        #expect(batch.decodingRows(at: 5, within: 0..<3) == 0..<2)
        #expect(batch.decodingRows(at: 6, within: 3..<6) == 3..<4)
        #expect(batch.decodingRows(at: 9, within: 3..<6) == 3..<4)
        #expect(batch.decodingRows(at: 10, within: 3..<6) == 3..<3)
    }

    @Test("a batch of 8 here is trained in two halves, a batch of 4 whole")
    func isSplit() {
        #expect(Self.model().decoderParts(batch: 8).count == 2)
        #expect(Self.model().decoderParts(batch: 4).count == 1)
    }

    @Test("a batch's rows make a batch of their own, padded to their own longest")
    func rowsOfBatch() {
        let batch = Seq2SeqBatch(sources: [[4, 5, 6], [7], [8, 9]], targets: [[10], [11, 12, 13], [14, 15]])
        let part = batch.rows(1..<3)
        let expected = Seq2SeqBatch(sources: [[7], [8, 9]], targets: [[11, 12, 13], [14, 15]])
        #expect(part.sourceTokens == expected.sourceTokens && part.sourceMask.values == expected.sourceMask.values)
        #expect(part.decoderInputs == expected.decoderInputs && part.decoderTargets == expected.decoderTargets)
        #expect(batch.answerTokens == 2 + 4 + 3)
    }

    /// `trainStep` trains a batch of 8 in two halves (a batch of 4 whole), skips the padded
    /// rows of each step and reads out real tokens only; the reference runs each half through
    /// `forward`, the loss over every position (a mean over the whole batch's tokens) and
    /// `backward`, and adds the halves' gradients. Run on pairs as given and in
    /// `decodingOrder`, where most padding is skipped, for each cell (the LSTM's ∂L/∂c
    /// alternates between two buffers, which skipped rows must leave at zero). Three steps: the
    /// copy that trains the second half must see the updated weights.
    @Test(
        "trainStep equals forward, the loss over every position and backward, bit for bit",
        arguments: [CellKind.gru, .lstm, .rnn], [false, true])
    func readOutOfRealTokens(cell: CellKind, ordered: Bool) {
        Self.checkTrainStep(cell: cell, ordered: ordered, layers: 1, size: 8)
    }

    /// The same with two layers: the encoder's lower layer gets the gradient the upper one
    /// formed from its computed rows only (zero in the others); for a batch trained whole, and
    /// one whose halves differ in size (4 and 5).
    @Test("with two layers too, for a batch trained whole, and for unequal halves", arguments: [CellKind.gru, .lstm], [8, 4, 9])
    func twoLayers(cell: CellKind, size: Int) {
        Self.checkTrainStep(cell: cell, ordered: true, layers: 2, size: size)
    }

    /// Without attention, the decoder's context is the encoder's final state at every step.
    @Test("without attention too", arguments: [8, 9])
    func withoutAttention(size: Int) {
        Self.checkTrainStep(cell: .gru, ordered: true, layers: 1, size: size, attention: false)
    }

    /// A bidirectional encoder reads every row of both directions; the halves still add up.
    @Test("with a bidirectional encoder too", arguments: [true, false])
    func bidirectional(attention: Bool) {
        Self.checkTrainStep(cell: .gru, ordered: true, layers: 1, size: 9, attention: attention, bidirectional: true)
    }

    static func checkTrainStep(
        cell: CellKind, ordered: Bool, layers: Int, size: Int, attention: Bool = true, bidirectional: Bool = false
    ) {
        let lengths = (0..<size).map { 1 + $0 % 5 }
        let order = ordered ? Seq2SeqBatch.decodingOrder(answerLengths: lengths) : Array(0..<size)
        let sources = order.map { Self.sentence($0, length: 2 + $0 % 4, shift: 3) }
        let targets = order.map { Self.sentence($0, length: lengths[$0], shift: 7) }
        let batch = Seq2SeqBatch(sources: sources, targets: targets)
        let trained = Self.model(cell: cell, layers: layers, attention: attention, bidirectional: bidirectional)
        let reference = Self.model(cell: cell, layers: layers, attention: attention, bidirectional: bidirectional)
        let halves = trained.decoderParts(batch: size)
        #expect(halves.count == (size >= 8 ? 2 : 1))
        let optimizer = Adam(parameters: trained.parameters, learningRate: 0.01)
        let referenceOptimizer = Adam(parameters: reference.parameters, learningRate: 0.01)
        var norms: [Float] = []
        for _ in 0..<3 {
            let loss = trained.trainStep(batch, optimizer: optimizer, clip: 0.05)
            var referenceLoss: Float = 0
            var sums: [[Float]] = []
            for half in halves.map({ batch.rows($0) }) {
                referenceOptimizer.zeroGradients()
                let gradient = Tensor(shape: [half.targetSteps * half.size, Self.vocabulary])
                referenceLoss += CrossEntropy.loss(
                    logits: reference.forward(half), targets: half.decoderTargets, classes: Self.vocabulary,
                    gradient: gradient.pointer, meanOver: batch.answerTokens)
                reference.backward(gradient.pointer)
                let gradients = reference.parameters.map(\.gradient.values)
                sums = sums.isEmpty ? gradients : zip(sums, gradients).map { zip($0, $1).map(+) }
            }
            for (parameter, sum) in zip(reference.parameters, sums) { parameter.gradient.copy(from: Tensor(shape: parameter.shape, values: sum)) }
            norms.append(GradientClipping.clip(reference.parameters, maximum: 0.05))
            referenceOptimizer.step()
            #expect(loss == referenceLoss)
        }
        #expect(norms.contains { $0 > 0.05 }, "the clipping must have scaled some step's gradients")
        for (parameter, expected) in zip(trained.parameters, reference.parameters) {
            #expect(parameter.value.values == expected.value.values, "\(parameter.name)")
        }
    }

    @Test("a decoder split between threads gives each sequence its values alone, and the sum of the halves' gradients")
    func splitDecoder() {
        let sources = (0..<8).map { Self.sentence($0, length: 4, shift: 3) }
        let targets = (0..<8).map { Self.sentence($0, length: 3, shift: 7) }
        let whole = Seq2SeqBatch(sources: sources, targets: targets)
        let T = whole.targetSteps, V = Self.vocabulary
        let scoreGradient = GradientCheck.random([T, 8, V], seed: 12)
        let model = Self.model()
        let scores = model.forward(whole)
        let wholeScores = (0..<T * 8 * V).map { scores[$0] }
        model.backward(scoreGradient.pointer)
        let wholeGradients = model.parameters.map(\.gradient.values)

        // The two halves one after the other, on one thread each; gradients add up.
        let halves = Self.model()
        for half in [0..<4, 4..<8] {
            let batch = Seq2SeqBatch(sources: Array(sources[half]), targets: Array(targets[half]))
            let halfScores = halves.forward(batch)
            let halfGradient = Tensor(shape: [T, 4, V])
            for t in 0..<T {
                for (row, b) in half.enumerated() {
                    for v in 0..<V {
                        #expect(halfScores[(t * 4 + row) * V + v] == wholeScores[(t * 8 + b) * V + v])
                        halfGradient[(t * 4 + row) * V + v] = scoreGradient[(t * 8 + b) * V + v]
                    }
                }
            }
            halves.backward(halfGradient.pointer)
        }
        for (parameter, expected) in zip(halves.parameters, wholeGradients) {
            let worst = zip(parameter.gradient.values, expected).map { abs($0 - $1) / (1 + abs($1)) }.max() ?? 0
            #expect(worst < 1e-5, "\(parameter.name): \(worst)")
        }
    }
}
