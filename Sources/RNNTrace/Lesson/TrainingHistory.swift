/// The training loss over optimizer steps.
///
/// Iteration k is the network after k optimizer steps, from 0 (untrained) to N (trained): the
/// loss and the prediction have N + 1 entries, and the last loss is the final loss.
public struct TrainingHistory: Codable, Sendable, Equatable {
    /// The loss of each iteration 0…N, index = iteration: the loss step k + 1 computed before its
    /// update, and for N the trained network's loss on all the training data (the final loss).
    public var loss: [Double]
    /// The prediction on the shown input at each iteration 0…N, when the task predicts tokens.
    public var predictions: [String]?
    /// The first iteration from which on the prediction stayed right, if it became right.
    public var firstCorrectIteration: Int?
    /// The optimizer, learning rate and seed, for captions ("Adam, lr 0.1, seed 777").
    public var optimizer: String
    /// The loss on the data held out at the end of the training data (`data.validation`), at
    /// the iterations where it was measured.
    public var validation: ValidationHistory?

    /// Creates a history.
    public init(
        loss: [Double], predictions: [String]? = nil, firstCorrectIteration: Int? = nil, optimizer: String,
        validation: ValidationHistory? = nil
    ) {
        self.loss = loss
        self.predictions = predictions
        self.firstCorrectIteration = firstCorrectIteration
        self.optimizer = optimizer
        self.validation = validation
    }

    /// The number of optimizer steps, N: the last iteration's number (0 without a loss).
    public var iterations: Int { max(loss.count - 1, 0) }
}
