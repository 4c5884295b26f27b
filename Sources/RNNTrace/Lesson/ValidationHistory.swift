/// The loss on held-out data during training, measured at some iterations (0 and the last
/// among them), beside the training loss.
public struct ValidationHistory: Codable, Sendable, Equatable {
    /// The iterations measured, increasing.
    public var iterations: [Int]
    /// The held-out loss at each of them.
    public var loss: [Double]

    /// Creates a history.
    public init(iterations: [Int], loss: [Double]) {
        self.iterations = iterations
        self.loss = loss
    }
}
