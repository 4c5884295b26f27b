import RNNCore

/// Settings given on the command line that replace the lesson file's.
public struct LessonOverrides: Sendable, Equatable {
    /// `--cell`.
    public var cell: CellKind?
    /// `--hidden`.
    public var hidden: Int?
    /// `--layers`.
    public var layers: Int?
    /// `--iterations`.
    public var iterations: Int?
    /// `--learning-rate`.
    public var learningRate: Double?
    /// `--seed`.
    public var seed: UInt64?

    /// No overrides.
    public init(
        cell: CellKind? = nil, hidden: Int? = nil, layers: Int? = nil, iterations: Int? = nil,
        learningRate: Double? = nil, seed: UInt64? = nil
    ) {
        self.cell = cell
        self.hidden = hidden
        self.layers = layers
        self.iterations = iterations
        self.learningRate = learningRate
        self.seed = seed
    }

    /// The lesson with these settings in place.
    public func applied(to lesson: Lesson) -> Lesson {
        var result = lesson
        if let cell { result.model.cell = cell }
        if let hidden { result.model.hidden = .size(hidden) }
        if let layers { result.model.layers = layers }
        if let iterations { result.train.iterations = iterations }
        if let learningRate { result.train.learningRate = learningRate }
        if let seed { result.train.seed = seed }
        return result
    }

    /// The overrides as command-line words, for checkpoint metadata ("" when none).
    public var description: String {
        var words: [String] = []
        if let cell { words.append("--cell \(cell.rawValue)") }
        if let hidden { words.append("--hidden \(hidden)") }
        if let layers { words.append("--layers \(layers)") }
        if let iterations { words.append("--iterations \(iterations)") }
        if let learningRate { words.append("--learning-rate \(learningRate)") }
        if let seed { words.append("--seed \(seed)") }
        return words.joined(separator: " ")
    }
}
