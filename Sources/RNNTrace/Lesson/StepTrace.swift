/// One time step of the shown input.
public struct StepTrace: Codable, Sendable, Equatable {
    /// The step's index, from 0.
    public var t: Int
    /// The input token ("h") or, for regression, a short label ("day 3").
    public var inputToken: String
    /// The input vector `x_t` (one-hot, features or embedding).
    public var x: [Float]
    /// Each layer's state after the step, bottom layer first.
    public var layers: [LayerStepTrace]
    /// The output layer's scores, when the model predicts at this step.
    public var logits: [Float]?
    /// softmax(logits).
    public var probabilities: [Float]?
    /// The predicted token (or value, formatted), when the model predicts at this step.
    public var prediction: String?
    /// The target token (or value), when there is one.
    public var target: String?

    /// Creates a step.
    public init(
        t: Int, inputToken: String, x: [Float], layers: [LayerStepTrace], logits: [Float]? = nil,
        probabilities: [Float]? = nil, prediction: String? = nil, target: String? = nil
    ) {
        self.t = t
        self.inputToken = inputToken
        self.x = x
        self.layers = layers
        self.logits = logits
        self.probabilities = probabilities
        self.prediction = prediction
        self.target = target
    }
}
