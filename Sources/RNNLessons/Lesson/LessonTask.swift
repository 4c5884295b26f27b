/// What a lesson teaches the network to do.
public enum LessonTask: String, CaseIterable, Sendable, Codable {
    /// Predict the next character at every step (many-to-many).
    case nextCharacter = "next-char"
    /// Predict the next value of a series from a window of days (many-to-one).
    case regression
    /// Answer a question with a sentence (encoder–decoder with attention).
    case seq2seq
}

/// The optimizers a lesson can train with.
public enum OptimizerKind: String, CaseIterable, Sendable {
    /// `torch.optim.Adam`.
    case adam
    /// `torch.optim.SGD`, with `momentum` when given.
    case sgd
}

/// The losses a lesson can minimise.
public enum LossKind: String, CaseIterable, Sendable {
    /// Mean cross-entropy over every (sequence, step): token tasks.
    case crossEntropy = "cross-entropy"
    /// Σ (y − t)², as the stock lab.
    case sumSquared = "sum-squared"
    /// Σ (y − t)² / n.
    case meanSquared = "mean-squared"

    /// The losses that fit `task`.
    static func allowed(for task: LessonTask) -> [LossKind] {
        task == .regression ? [.sumSquared, .meanSquared] : [.crossEntropy]
    }
}

/// How a regression lesson scales its columns.
public enum ScalingKind: String, CaseIterable, Sendable {
    /// `(x − min) / (max − min + 1e-7)` per column, train and test each on their own (lab 12-5).
    case minmax
    /// The raw values.
    case none
}

/// The attention of a seq2seq decoder.
public enum AttentionKind: String, CaseIterable, Sendable {
    /// Additive attention (Bahdanau et al. 2014).
    case bahdanau
    /// No attention: the decoder sees only the encoder's final state.
    case none
}
