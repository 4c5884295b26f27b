import Testing

@testable import RNNCore
import RNNTrace

/// Central finite differences against analytic gradients, for float32 code.
///
/// Losses are linear functionals `Σ wᵢ yᵢ` of a layer's outputs with fixed random weights, so
/// the only rounding is the forward pass's own; a wrong backward pass is off by far more than
/// the tolerance.
enum GradientCheck {
    static let step: Float = 5e-3

    /// Checks `analytic` (∂L/∂values) against differences of `loss` when elements of `values` move.
    /// `changed` is called after each change (to mark parameters changed).
    static func check(
        _ what: String, values: Tensor, analytic: [Float], changed: () -> Void = {}, loss: () -> Double,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(analytic.count == values.count, "\(what): gradient size", sourceLocation: sourceLocation)
        let indices = values.count <= 48 ? Array(0..<values.count) : stride(from: 0, to: values.count, by: values.count / 40 + 1).map { $0 }
        var worst: (index: Int, numeric: Double, analytic: Float, excess: Double)?
        for index in indices {
            let original = values[index]
            values[index] = original + step
            changed()
            let up = loss()
            values[index] = original - step
            changed()
            let down = loss()
            values[index] = original
            changed()
            let numeric = (up - down) / Double(2 * step)
            let error = abs(numeric - Double(analytic[index]))
            let allowed = 2e-3 + 2e-2 * abs(numeric)
            if error > allowed, error - allowed > (worst?.excess ?? 0) {
                worst = (index, numeric, analytic[index], error - allowed)
            }
        }
        #expect(
            worst == nil,
            "\(what)[\(worst?.index ?? -1)]: finite difference \(worst?.numeric ?? 0) vs analytic \(worst?.analytic ?? 0)",
            sourceLocation: sourceLocation)
    }

    /// Fixed pseudo-random weights for a linear functional of `count` outputs.
    static func weights(_ count: Int, seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        let tensor = Tensor(shape: [count])
        generator.fillUniform(tensor, bound: 1)
        return tensor
    }

    /// `Σ wᵢ yᵢ` in Double.
    static func dot(_ weights: Tensor, _ values: UnsafePointer<Float>) -> Double {
        (0..<weights.count).reduce(0.0) { $0 + Double(weights[$1]) * Double(values[$1]) }
    }

    /// A tensor of uniform random values in `-bound ..< bound`.
    static func random(_ shape: [Int], seed: UInt64, bound: Float = 1) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        let tensor = Tensor(shape: shape)
        generator.fillUniform(tensor, bound: bound)
        return tensor
    }
}
