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
