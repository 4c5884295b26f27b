/// Updates parameters from their gradients.
public protocol Optimizer: AnyObject {
    /// The parameters it updates.
    var parameters: [Parameter] { get }
    /// The step size.
    var learningRate: Float { get set }
    /// Applies one update from the current gradients, and marks every parameter changed.
    func step()
}

extension Optimizer {
    /// Sets every gradient to zero, before the next backward pass.
    public func zeroGradients() {
        for parameter in parameters { parameter.zeroGradient() }
    }
}

/// Gradient clipping by global norm.
public enum GradientClipping {
    /// The Euclidean norm of all gradients together.
    public static func globalNorm(_ parameters: [Parameter]) -> Float {
        Float(parameters.reduce(0.0) { $0 + $1.gradient.sumOfSquares() }.squareRoot())
    }

    /// Scales all gradients so that their global norm is at most `maximum`, as PyTorch's
    /// `clip_grad_norm_`, and returns the norm before clipping.
    @discardableResult
    public static func clip(_ parameters: [Parameter], maximum: Float) -> Float {
        let norm = globalNorm(parameters)
        let scale = maximum / (norm + 1e-6)
        if scale < 1 {
            for parameter in parameters {
                let gradient = parameter.gradient
                for index in 0..<gradient.count { gradient[index] = gradient[index] * scale }
            }
        }
        return norm
    }
}
