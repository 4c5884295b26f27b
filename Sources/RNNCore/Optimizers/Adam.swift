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
            let count = parameter.value.count
            // Sixteen parameters at a time; every lane computes what the one-at-a-time update
            // would (each operation is rounded the same lane by lane), so the result is the same.
            for start in stride(from: 0, to: count, by: 16) {
                let lanes = min(16, count - start)
                let g = SIMD16<Float>(gradient + start, lanes: lanes)
                let mNext = beta1 * SIMD16<Float>(m + start, lanes: lanes) + (1 - beta1) * g
                let vNext = beta2 * SIMD16<Float>(v + start, lanes: lanes) + (1 - beta2) * g * g
                let denominator = vNext.squareRoot() / correction2Root + epsilon
                let updated = SIMD16<Float>(value + start, lanes: lanes) - stepSize * (mNext / denominator)
                mNext.store(to: m + start, lanes: lanes)
                vNext.store(to: v + start, lanes: lanes)
                updated.store(to: value + start, lanes: lanes)
            }
            parameter.markChanged()
        }
    }
}

extension SIMD16 where Scalar == Float {
    /// The first `lanes` values at `pointer` (at most 16), zero in the other lanes.
    @inline(__always)
    init(_ pointer: UnsafePointer<Float>, lanes: Int) {
        if lanes == 16 {
            self = UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
        } else {
            self = .zero
            for lane in 0..<lanes { self[lane] = pointer[lane] }
        }
    }

    /// Stores the first `lanes` values to `pointer`.
    @inline(__always)
    func store(to pointer: UnsafeMutablePointer<Float>, lanes: Int) {
        if lanes == 16 {
            UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
        } else {
            for lane in 0..<lanes { pointer[lane] = self[lane] }
        }
    }
}
