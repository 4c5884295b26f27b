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
