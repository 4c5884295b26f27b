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
    /// The parameters' elements in one or two parts, updated side by side.
    private let parts: [[ElementSlice]]

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
        parts = ElementSlice.parts(counts: parameters.map(\.value.count))
    }

    public func step(gradientScale: Float) {
        stepCount += 1
        let correction1 = 1 - Float(pow(Double(beta1), Double(stepCount)))
        let correction2Root = Float((1 - pow(Double(beta2), Double(stepCount))).squareRoot())
        let stepSize = learningRate / correction1
        // Every element is updated on its own, so the parts may run at the same time.
        BatchSplit.run(parts: parts.count) { part in
            for slice in parts[part] {
                update(slice, stepSize: stepSize, correction2Root: correction2Root, gradientScale: gradientScale)
            }
        }
        for parameter in parameters { parameter.markChanged() }
    }

    /// Updates the elements `slice` of one parameter and its moments.
    private func update(_ slice: ElementSlice, stepSize: Float, correction2Root: Float, gradientScale: Float) {
        let parameter = parameters[slice.parameter]
        let value = parameter.value.pointer, gradient = parameter.gradient.pointer
        let m = firstMoments[slice.parameter].pointer, v = secondMoments[slice.parameter].pointer
        // Sixteen parameters at a time; every lane computes what the one-at-a-time update
        // would (each operation is rounded the same lane by lane), so the result is the same.
        for start in stride(from: slice.elements.lowerBound, to: slice.elements.upperBound, by: 16) {
            let lanes = min(16, slice.elements.upperBound - start)
            let stored = SIMD16<Float>(gradient + start, lanes: lanes)
            let g = gradientScale == 1 ? stored : stored * gradientScale
            let mNext = beta1 * SIMD16<Float>(m + start, lanes: lanes) + (1 - beta1) * g
            let vNext = beta2 * SIMD16<Float>(v + start, lanes: lanes) + (1 - beta2) * g * g
            let denominator = vNext.squareRoot() / correction2Root + epsilon
            let updated = SIMD16<Float>(value + start, lanes: lanes) - stepSize * (mNext / denominator)
            mNext.store(to: m + start, lanes: lanes)
            vNext.store(to: v + start, lanes: lanes)
            updated.store(to: value + start, lanes: lanes)
        }
    }
}

/// Elements `elements` of parameter number `parameter`: a share of an optimizer's work.
struct ElementSlice: Equatable {
    let parameter: Int
    let elements: Range<Int>

    /// Elements from which an update is shared between two threads (waking one costs about
    /// as much as updating ten thousand elements).
    static let minimumSplit = 1 << 16

    /// All elements of parameters with `counts` elements, as one part, or as two parts of
    /// about half of them each, cut at a multiple of sixteen elements. The cut depends only
    /// on the counts.
    static func parts(counts: [Int]) -> [[ElementSlice]] {
        let whole = counts.enumerated().map { ElementSlice(parameter: $0.offset, elements: 0..<$0.element) }
        let total = counts.reduce(0, +)
        guard total >= minimumSplit else { return [whole] }
        var first: [ElementSlice] = [], second: [ElementSlice] = []
        var start = 0
        let cut = total / 2
        for slice in whole {
            let end = start + slice.elements.count
            if end <= cut {
                first.append(slice)
            } else if start >= cut {
                second.append(slice)
            } else {
                let split = Swift.min((cut - start + 15) / 16 * 16, slice.elements.count)
                first.append(ElementSlice(parameter: slice.parameter, elements: 0..<split))
                second.append(ElementSlice(parameter: slice.parameter, elements: split..<slice.elements.count))
            }
            start = end
        }
        return [first, second]
    }
}
