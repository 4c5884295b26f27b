import RNNCore
import RNNTrace

/// How a classify lesson reads its texts.
public enum TokenKind: String, CaseIterable, Sendable {
    /// A word (or punctuation mark) a step, as the word tokenizer splits them.
    case words
    /// A character a step, one-hot.
    case characters
}

/// Where a classify lesson's output layer reads the recurrent states.
public enum ReadoutKind: String, CaseIterable, Sendable {
    /// The state after the last token (the lecture's many-to-one drawing).
    case last
    /// The mean of the states after every token.
    case mean

    /// The engine's readout.
    public var modelReadout: SequenceModelShape.Readout { self == .last ? .lastStep : .mean }
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

/// Data that is generated from the lesson's seed instead of read from a file: the memory tasks
/// that show why gates were invented.
public enum GeneratedData: String, CaseIterable, Sendable {
    /// The adding problem (Hochreiter & Schmidhuber 1997, experiment 4, in the form of Le et al.
    /// 2015): each step carries a value in U(0, 1) and a marker; two steps are marked, one in
    /// each half; the target is the sum of the two marked values. A regression task.
    case adding
    /// Recall the first symbol after a run of distractors. A classification task.
    case remember
    /// Answer a string with the same letters backwards. A seq2seq task.
    case reverse
    /// Answer a string with the same letters. A seq2seq task.
    case copy
    /// Answer a string with its letters in alphabetical order. A seq2seq task.
    case sort

    /// The generators that serve `task`.
    public static func fitting(_ task: LessonTask) -> [GeneratedData] { allCases.filter { $0.task == task } }

    /// The task whose lessons this data serves.
    public var task: LessonTask {
        switch self {
        case .adding: .regression
        case .remember: .classify
        case .reverse, .copy, .sort: .seq2seq
        }
    }
}

/// The largest sizes generated data accepts, checked when the lesson is read.
public enum GeneratedLimits {
    /// The longest sequence.
    public static let length = 10_000
    /// The most symbols of `remember`: the letters A to Z.
    public static let symbols = 26
    /// The largest training or test set.
    public static let examples = 1_000_000
}

/// The field separator of a CSV file.
public enum CSVDelimiter: String, CaseIterable, Sendable {
    /// `,`
    case comma
    /// `;` (with a decimal comma allowed in numbers: `3,5`)
    case semicolon
    /// A TAB character.
    case tab

    /// The separating character.
    public var character: Character {
        switch self {
        case .comma: ","
        case .semicolon: ";"
        case .tab: "\t"
        }
    }

    /// The delimiter named `text` (`comma`, `semicolon`, `tab`) or written as itself (`,`, `;`, a TAB).
    public init?(written text: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue == text || String($0.character) == text }) else { return nil }
        self = match
    }
}

/// What a regression lesson does with an empty cell of its CSV file.
public enum MissingValues: String, CaseIterable, Sendable {
    /// Stop with an error naming the row and the column (the default).
    case error
    /// Leave out every row with an empty cell in a column the lesson reads.
    case skip
    /// Take the value of the row before (an empty cell in the first row is still an error).
    case previous
}
