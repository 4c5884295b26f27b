/// Stochastic gradient descent with momentum, as PyTorch's `torch.optim.SGD`:
/// `b ← μb + g` (`b = g` on the first step), `p ← p − lr·b`.
public final class SGD: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    /// The momentum factor μ (0 for plain gradient descent).
    public let momentum: Float

    private let velocities: [Tensor]
    private var started = false

    /// Creates an optimizer for `parameters`.
    public init(parameters: [Parameter], learningRate: Float, momentum: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        velocities = parameters.map { Tensor(shape: $0.shape) }
    }

    public func step(gradientScale: Float) {
        for (index, parameter) in parameters.enumerated() {
            let value = parameter.value.pointer, gradient = parameter.gradient.pointer
            let velocity = velocities[index].pointer
            for j in 0..<parameter.value.count {
                let g = gradientScale == 1 ? gradient[j] : gradient[j] * gradientScale
                let direction: Float
                if momentum == 0 {
                    direction = g
                } else {
                    velocity[j] = started ? momentum * velocity[j] + g : g
                    direction = velocity[j]
                }
                value[j] = value[j] - learningRate * direction
            }
            parameter.markChanged()
        }
        started = true
    }
}
