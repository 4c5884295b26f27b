/// Squared-error losses for regression: the sum (TensorFlow's `reduce_sum(square(y − t))`,
/// as the stock lab uses) or the mean over all elements.
public enum SquaredError {
    /// How the squared errors are combined.
    public enum Reduction: String, Codable, Sendable {
        /// `Σ (y − t)²`.
        case sum
        /// `Σ (y − t)² / n`.
        case mean
    }

    /// Computes the loss of `count` predictions against targets and, if asked, ∂loss/∂prediction.
    @discardableResult
    public static func loss(
        predictions: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int, reduction: Reduction,
        gradient: UnsafeMutablePointer<Float>? = nil
    ) -> Float {
        let scale: Float = reduction == .sum || count == 0 ? 1 : 1 / Float(count)
        var total = 0.0
        for index in 0..<count {
            let difference = predictions[index] - targets[index]
            total += Double(difference * difference)
            gradient?[index] = 2 * difference * scale
        }
        return Float(total) * scale
    }
}
