/// The one number that says how well a lesson's network does — the number a sweep of
/// `rnnlab compare` plots — with what it is compared with.
public struct HeadlineMetric: Codable, Sendable, Equatable {
    /// The key of the number in `LessonTrace.result` (`test_mse`).
    public var name: String
    /// How to say it in a table or on an axis ("test MSE").
    public var label: String
    /// Whether a lower value is better (errors, losses) or a higher one (accuracies).
    public var lowerIsBetter: Bool
    /// What a network that learnt nothing scores, if known (the adding problem's 1/6).
    public var baseline: Double?
    /// What that baseline is ("predict the mean, 1/6").
    public var baselineLabel: String?
    /// The value from which the task counts as solved (MSE < 0.01), if there is one.
    public var solvedAt: Double?

    /// Creates a metric.
    public init(
        name: String, label: String, lowerIsBetter: Bool, baseline: Double? = nil, baselineLabel: String? = nil,
        solvedAt: Double? = nil
    ) {
        self.name = name
        self.label = label
        self.lowerIsBetter = lowerIsBetter
        self.baseline = baseline
        self.baselineLabel = baselineLabel
        self.solvedAt = solvedAt
    }

    /// Whether `value` counts as solved (false when the metric sets no threshold).
    public func isSolved(_ value: Double) -> Bool {
        guard let solvedAt else { return false }
        return lowerIsBetter ? value < solvedAt : value >= solvedAt
    }
}
