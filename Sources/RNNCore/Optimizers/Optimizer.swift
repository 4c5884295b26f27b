/// Updates parameters from their gradients.
public protocol Optimizer: AnyObject {
    /// The parameters it updates.
    var parameters: [Parameter] { get }
    /// The step size.
    var learningRate: Float { get set }
    /// Applies one update from the current gradients, each multiplied by `gradientScale`
    /// first (as clipping would have scaled them in place, with the same rounding; the
    /// gradients themselves are left as they are), and marks every parameter changed.
    func step(gradientScale: Float)
}

extension Optimizer {
    /// Applies one update from the current gradients, and marks every parameter changed.
    public func step() { step(gradientScale: 1) }

    /// Sets every gradient to zero, before the next backward pass (many elements in two
    /// halves side by side).
    public func zeroGradients() {
        let parameters = self.parameters
        BatchSplit.forEachSlice(counts: parameters.map(\.gradient.count)) { slice in
            (parameters[slice.parameter].gradient.pointer + slice.elements.lowerBound)
                .update(repeating: 0, count: slice.elements.count)
        }
    }
}

/// Gradient clipping by global norm.
public enum GradientClipping {
    /// The Euclidean norm of all gradients together: each parameter's sum of squares (in
    /// `Double`, `Tensor.sumOfSquares`), added in the parameters' order.
    public static func globalNorm(_ parameters: [Parameter]) -> Float {
        var sums = [Double](repeating: 0, count: parameters.count)
        sums.withUnsafeMutableBufferPointer { sums in
            // Each parameter's sum on its own, on one of two threads for many parameters.
            BatchSplit.forEachPart(counts: parameters.map(\.value.count)) { index in
                sums[index] = parameters[index].gradient.sumOfSquares()
            }
        }
        return Float(sums.reduce(0.0, +).squareRoot())
    }

    /// The factor that brings the global norm of all gradients to at most `maximum`, as
    /// PyTorch's `clip_grad_norm_` computes it (1 when the norm is within it): for
    /// `Optimizer.step(gradientScale:)`, which saves scaling every gradient in place.
    public static func scale(_ parameters: [Parameter], maximum: Float) -> Float {
        factor(norm: globalNorm(parameters), maximum: maximum)
    }

    /// Scales all gradients so that their global norm is at most `maximum`, as PyTorch's
    /// `clip_grad_norm_`, and returns the norm before clipping.
    @discardableResult
    public static func clip(_ parameters: [Parameter], maximum: Float) -> Float {
        let norm = globalNorm(parameters), scale = factor(norm: norm, maximum: maximum)
        if scale < 1 {
            BatchSplit.forEachPart(counts: parameters.map(\.value.count)) { index in
                let gradient = parameters[index].gradient.pointer
                for element in 0..<parameters[index].gradient.count { gradient[element] = gradient[element] * scale }
            }
        }
        return norm
    }

    /// `maximum / (norm + 1e-6)` when below 1 (PyTorch's clipping factor), else 1.
    private static func factor(norm: Float, maximum: Float) -> Float {
        let scale = maximum / (norm + 1e-6)
        return scale < 1 ? scale : 1
    }
}
