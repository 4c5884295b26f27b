import Foundation

/// The loss of the token tasks and the optimizer.
extension Reference {
    /// Cross-entropy of one row of scores against a class: `−log softmax(y)[target]`, and its
    /// gradient `softmax(y) − onehot(target)` (for the mean over `n` rows, both divided by `n`).
    public static func crossEntropy(logits y: [Float], target: Int) -> (loss: Float, gradient: [Float]) {
        let largest = y.max() ?? 0
        let exponentials = y.map { Foundation.exp($0 - largest) }
        let total = exponentials.reduce(0, +)
        let probabilities = exponentials.map { $0 / total }
        let gradient = probabilities.indices.map { probabilities[$0] - ($0 == target ? 1 : 0) }
        return (-Foundation.log(probabilities[target]), gradient)
    }

    /// Adam's moments of one parameter.
    public struct AdamState: Sendable {
        public var firstMoment: [Float], secondMoment: [Float], step = 0

        /// Zero moments for `count` values.
        public init(count: Int) {
            firstMoment = [Float](repeating: 0, count: count)
            secondMoment = firstMoment
        }
    }

    /// One step of Adam (Kingma & Ba 2014, as `torch.optim.Adam`): `m ← β₁m + (1−β₁)g`,
    /// `v ← β₂v + (1−β₂)g²`, `p ← p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)`.
    public static func adamStep(
        _ values: inout [Float], gradient: [Float], state: inout AdamState, learningRate: Float,
        beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8
    ) {
        state.step += 1
        let correction1 = 1 - Float(pow(Double(beta1), Double(state.step)))
        let correction2Root = Float((1 - pow(Double(beta2), Double(state.step))).squareRoot())
        let stepSize = learningRate / correction1
        for k in values.indices {
            state.firstMoment[k] = beta1 * state.firstMoment[k] + (1 - beta1) * gradient[k]
            state.secondMoment[k] = beta2 * state.secondMoment[k] + (1 - beta2) * gradient[k] * gradient[k]
            let denominator = state.secondMoment[k].squareRoot() / correction2Root + epsilon
            values[k] = values[k] - stepSize * (state.firstMoment[k] / denominator)
        }
    }
}
