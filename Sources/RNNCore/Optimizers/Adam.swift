import Foundation

/// Adam (Kingma & Ba 2014) exactly as PyTorch's `torch.optim.Adam` without weight decay:
/// `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
/// `p ← p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)`.
public final class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    /// Decay of the first moment.
    public let beta1: Float
    /// Decay of the second moment.
    public let beta2: Float
    /// Added to the denominator for stability.
    public let epsilon: Float
    /// The number of steps taken.
    public private(set) var stepCount = 0

    private let firstMoments: [Tensor]
    private let secondMoments: [Tensor]

    /// Creates an optimizer for `parameters`.
    public init(
        parameters: [Parameter], learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoments = parameters.map { Tensor(shape: $0.shape) }
        secondMoments = parameters.map { Tensor(shape: $0.shape) }
    }

    public func step() {
        stepCount += 1
        let correction1 = 1 - Float(pow(Double(beta1), Double(stepCount)))
        let correction2Root = Float((1 - pow(Double(beta2), Double(stepCount))).squareRoot())
        let stepSize = learningRate / correction1
        for (index, parameter) in parameters.enumerated() {
            let value = parameter.value.pointer, gradient = parameter.gradient.pointer
            let m = firstMoments[index].pointer, v = secondMoments[index].pointer
            for j in 0..<parameter.value.count {
                let g = gradient[j]
                m[j] = beta1 * m[j] + (1 - beta1) * g
                v[j] = beta2 * v[j] + (1 - beta2) * g * g
                let denominator = v[j].squareRoot() / correction2Root + epsilon
                value[j] = value[j] - stepSize * (m[j] / denominator)
            }
            parameter.markChanged()
        }
    }
}
