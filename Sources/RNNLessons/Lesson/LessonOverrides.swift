import RNNTrace

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

    /// What is wrong with the first override outside the lesson file's limits, said as the
    /// lesson file says it ("--learning-rate: 1000000 is not a learning rate; expected a number
    /// above 0 and at most 100"), or `nil` when every override is allowed.
    public var problem: String? {
        let problems: [(option: String, problem: String?)] = [
            ("--hidden", hidden.flatMap { LessonLimits.problem(with: $0, in: LessonLimits.hidden, what: "a hidden size") }),
            ("--layers", layers.flatMap { LessonLimits.problem(with: $0, in: LessonLimits.layers, what: "a layer count") }),
            ("--iterations", iterations.flatMap { LessonLimits.problem(with: $0, in: LessonLimits.iterations, what: "an iteration count") }),
            ("--learning-rate", learningRate.flatMap {
                LessonLimits.problem(withPositive: $0, maximum: LessonLimits.learningRate, what: "a learning rate")
            }),
        ]
        return problems.first { $0.problem != nil }.map { "\($0.option): \($0.problem!)" }
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

    /// Only the overrides that change `lesson` (`--cell lstm` on an LSTM lesson changes nothing).
    public func changing(_ lesson: Lesson) -> LessonOverrides {
        LessonOverrides(
            cell: cell == lesson.model.cell ? nil : cell,
            hidden: hidden.map(HiddenSize.size) == lesson.model.hidden ? nil : hidden,
            layers: layers == lesson.model.layers ? nil : layers,
            iterations: iterations == lesson.train.iterations ? nil : iterations,
            learningRate: learningRate == lesson.train.learningRate ? nil : learningRate,
            seed: seed == lesson.train.seed ? nil : seed)
    }

    /// The name of the output folder of `lesson` run with these overrides: the lesson's name, then
    /// each override that changes it — the cell, `h` hidden size, `l` layers, `i` iterations, `lr`
    /// learning rate, `seed` — so that a changed run never mixes its files with the lesson's own:
    /// `hello --cell gru --hidden 8` → `hello-gru-h8`; without a change, `hello`.
    public func folderName(for lesson: Lesson) -> String {
        let changed = changing(lesson)
        var parts = [lesson.name]
        if let cell = changed.cell { parts.append(cell.rawValue) }
        if let hidden = changed.hidden { parts.append("h\(hidden)") }
        if let layers = changed.layers { parts.append("l\(layers)") }
        if let iterations = changed.iterations { parts.append("i\(iterations)") }
        if let learningRate = changed.learningRate { parts.append("lr\(learningRate)") }
        if let seed = changed.seed { parts.append("seed\(seed)") }
        return parts.joined(separator: "-")
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
