import RNNCore

/// Sequences of token indices of different lengths as one batch: padded to the longest,
/// time-major, with a mask saying which steps are real, and one label per sequence.
struct TokenBatch {
    /// `[steps][batch]` token indices, padding after each sequence's end.
    let tokens: [Int]
    /// The longest sequence's length.
    let steps: Int
    /// The number of sequences.
    let batch: Int
    /// `[steps][batch]`, 1 at a token and 0 at padding; `nil` when no sequence is padded.
    let mask: Tensor?
    /// One class per sequence.
    let labels: [Int]
    /// The tokens as one-hot rows `[steps][batch][width]`, for a model without an embedding.
    let oneHot: Tensor?

    /// A batch of `sequences` (each at least one token) with their `labels`, padded with
    /// `padIndex`; one-hot rows of `oneHotWidth` when given.
    init(sequences: [[Int]], labels: [Int], padIndex: Int, oneHotWidth: Int?) {
        precondition(!sequences.isEmpty && sequences.allSatisfy { !$0.isEmpty }, "a batch of non-empty sequences")
        steps = sequences.map(\.count).max()!
        batch = sequences.count
        var tokens: [Int] = [], mask: [Float] = []
        tokens.reserveCapacity(steps * batch)
        for t in 0..<steps {
            for sequence in sequences {
                tokens.append(t < sequence.count ? sequence[t] : padIndex)
                mask.append(t < sequence.count ? 1 : 0)
            }
        }
        self.tokens = tokens
        self.mask = mask.contains(0) ? Tensor(shape: [steps, batch], values: mask) : nil
        self.labels = labels
        oneHot = oneHotWidth.map { OneHot.tensor(tokens, classes: $0) }
    }

    /// The model's outputs for the batch, `[batch][outputSize]`.
    func forward(_ model: SequenceModel) -> UnsafeMutablePointer<Float> {
        if let oneHot {
            return model.forward(oneHot.pointer, steps: steps, batch: batch, hotIndices: tokens, mask: mask?.pointer)
        }
        return model.forward(tokens: tokens, steps: steps, batch: batch, mask: mask?.pointer)
    }

    /// One optimizer step on the batch; the loss before it.
    func trainStep(_ model: SequenceModel, optimizer: any Optimizer, clip: Float?) -> Float {
        if let oneHot {
            return model.trainStep(
                oneHot.pointer, steps: steps, batch: batch, hotIndices: tokens, mask: mask?.pointer, targets: .classes(labels),
                optimizer: optimizer, clip: clip)
        }
        return model.trainStep(
            tokens: tokens, steps: steps, batch: batch, mask: mask?.pointer, targets: .classes(labels), optimizer: optimizer, clip: clip)
    }

    /// The loss of `model` on the batch, without training.
    func loss(_ model: SequenceModel) -> Float {
        CrossEntropy.loss(logits: forward(model), targets: labels, classes: model.shape.outputSize)
    }
}
