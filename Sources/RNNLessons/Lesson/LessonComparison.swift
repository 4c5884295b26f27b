import RNNTrace

/// `compare:` — the comparison `rnnlab compare LESSON` runs when the command line names none:
///
/// ```yaml
/// compare:
///   vary: ["length=10,25,50,100", "cell=rnn,lstm,gru"]   # as --vary, one entry each
///   seeds: 5                                              # as --seeds
///   references:                                           # printed beside the measured numbers
///     - source: "Hochreiter & Schmidhuber 1997, Table 7"
///       note: "LSTM solves the adding problem at T = 100, 500 and 1000"
///     - source: "PyTorch here, 3 seeds"
///       values: { "cell=rnn length=10": 0.004, "cell=rnn length=25": "0.16-0.19" }
/// ```
/// Training ignores this section.
public struct LessonComparison: Decodable, Sendable, Equatable {
    /// The variations, each `KEY=V1,V2,…` as `--vary` takes it.
    public var vary: [String]
    /// How many seeds each variant is trained with (default 1).
    public var seeds: Int?
    /// Published or measured results to print beside this comparison's.
    public var references: [ComparisonReference]

    static let keys = ["vary", "seeds", "references"]

    /// Whether the section varies the lesson (`vary:`): such a lesson runs with `rnnlab compare`.
    /// A section of references only names what the lesson's one run is measured against, and
    /// the lesson runs with `rnnlab run` (and `cells` prints them).
    public var isSweep: Bool { !vary.isEmpty }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.lessonSection(allowing: Self.keys)
        vary = try c.decodeIfPresent([String].self, forKey: "vary") ?? []
        seeds = try c.integer("seeds", in: 1...ComparisonLimits.seeds, what: "a number of seeds")
        references = try c.decodeIfPresent([ReferenceEntry].self, forKey: "references")?.map(\.reference) ?? []
    }
}

/// One entry of `references:`, its keys checked.
private struct ReferenceEntry: Decodable {
    var reference: ComparisonReference

    init(from decoder: any Decoder) throws {
        let c = try decoder.lessonSection(allowing: ["source", "note", "values"])
        let source = try c.required(String.self, "source", needs: "a reference needs a source")
        reference = ComparisonReference(
            source: source, note: try c.decodeIfPresent(String.self, forKey: "note"),
            values: try c.decodeIfPresent([String: String].self, forKey: "values") ?? [:])
    }
}

/// The largest comparison `rnnlab compare` runs, checked before any training.
public enum ComparisonLimits {
    /// The most seeds per variant.
    public static let seeds = 100
    /// The most variants (every combination of the varied values, times the seeds).
    public static let runs = 1000
}
