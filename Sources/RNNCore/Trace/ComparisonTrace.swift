/// Everything the figures of one `rnnlab compare` are drawn from, saved as its `trace.json`:
/// for every run (a variant and a seed) the varied keys' values, the results, the loss curve and
/// the gradient flow of its shown input.
public struct ComparisonTrace: Codable, Sendable, Equatable {
    /// The trace format's version; raised when fields change meaning.
    public var formatVersion: Int = ComparisonTrace.currentFormatVersion
    /// The format version this build writes and reads.
    public static let currentFormatVersion = 1
    /// The lesson compared (its own settings, before any variation).
    public var lesson: LessonInfo
    /// The varied keys, slowest first.
    public var keys: [String]
    /// The values tried for each key, in order.
    public var values: [[String]]
    /// The number the variants are judged by, if the lesson has one.
    public var metric: HeadlineMetric?
    /// Every run, in the order they were listed (seeds vary fastest).
    public var runs: [ComparisonRun]
    /// Results from papers or other implementations, printed and drawn beside these.
    public var references: [ComparisonReference]
    /// Sentences for the reader (e.g. the hidden sizes chosen to match parameter counts).
    public var notes: [String]

    /// Creates a comparison trace.
    public init(
        lesson: LessonInfo, keys: [String], values: [[String]], metric: HeadlineMetric?, runs: [ComparisonRun],
        references: [ComparisonReference] = [], notes: [String] = []
    ) {
        self.lesson = lesson
        self.keys = keys
        self.values = values
        self.metric = metric
        self.runs = runs
        self.references = references
        self.notes = notes
    }
}

/// One trained variant of a comparison, from one seed.
public struct ComparisonRun: Codable, Sendable, Equatable {
    /// The value of each varied key, in the order of `ComparisonTrace.keys`.
    public var settings: [String]
    /// The seed.
    public var seed: UInt64
    /// The model trained.
    public var model: ModelInfo
    /// The lesson's result numbers (`test_mse`, `final_loss`, …).
    public var result: [String: Double]
    /// Wall-clock seconds of the training loop.
    public var seconds: Double
    /// The loss of every iteration.
    public var loss: [Double]
    /// The gradient flow on the lesson's shown input, trained and at initialisation.
    public var gradientFlow: GradientFlowTrace?
    /// Held-out questions answered, with their attention (seq2seq lessons on generated strings).
    public var examples: [DecodedExample]?

    /// Creates a run.
    public init(
        settings: [String], seed: UInt64, model: ModelInfo, result: [String: Double], seconds: Double, loss: [Double],
        gradientFlow: GradientFlowTrace?
    ) {
        self.settings = settings
        self.seed = seed
        self.model = model
        self.result = result
        self.seconds = seconds
        self.loss = loss
        self.gradientFlow = gradientFlow
    }
}

extension ComparisonTrace {
    /// The runs of one variant (one combination of values), every seed.
    public struct Group: Sendable {
        /// The values, in the order of `keys`.
        public var settings: [String]
        /// Its runs, one per seed.
        public var runs: [ComparisonRun]

        /// The values of `name` in the runs' results.
        public func values(_ name: String) -> [Double] { runs.compactMap { $0.result[name] } }
    }

    /// The variants in order, each with its runs.
    public var groups: [Group] {
        var groups: [Group] = []
        for run in runs {
            if let index = groups.firstIndex(where: { $0.settings == run.settings }) {
                groups[index].runs.append(run)
            } else {
                groups.append(Group(settings: run.settings, runs: [run]))
            }
        }
        return groups
    }

    /// "cell=rnn length=10", the label references use.
    public func label(_ settings: [String]) -> String {
        zip(keys, settings).map { "\($0)=\($1)" }.joined(separator: " ")
    }

    /// The index of the key drawn along x in a sweep: the first key with several values that
    /// are all numbers, if there is one.
    public var sweepKey: Int? {
        values.indices.first { index in values[index].count > 1 && values[index].allSatisfy { Double($0) != nil } }
    }
}
