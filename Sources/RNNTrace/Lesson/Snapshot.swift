/// The model's prediction on the shown input at one training iteration.
public struct Snapshot: Codable, Sendable, Equatable {
    /// The iteration: the number of optimizer steps taken (0 = before any update).
    public var iteration: Int
    /// The loss at that iteration.
    public var loss: Double
    /// The predicted token at each step.
    public var predicted: [String]
    /// The probability the model gave each predicted token.
    public var probability: [Float]
    /// Whether each predicted token equals the target.
    public var correct: [Bool]
    /// A name for the row instead of "iteration K" (a what-if's "before" and "after").
    public var label: String?

    /// Creates a snapshot.
    public init(iteration: Int, loss: Double, predicted: [String], probability: [Float], correct: [Bool], label: String? = nil) {
        self.iteration = iteration
        self.loss = loss
        self.predicted = predicted
        self.probability = probability
        self.correct = correct
        self.label = label
    }
}
