import Foundation
import RNNTrace

/// A lookup table from token index to a learned vector, as PyTorch's `nn.Embedding`
/// (initialised from a standard normal distribution).
public final class Embedding {
    /// The table, `[vocabularySize][dimension]`.
    public let weight: Parameter
    /// The number of rows of the table.
    public let vocabularySize: Int
    /// The width of each vector.
    public let dimension: Int

    private var indices: [Int] = []
    private var outputs = Workspace()

    /// Creates a table named `prefix.weight`.
    public init(vocabularySize: Int, dimension: Int, name prefix: String, generator: inout SeededGenerator) {
        self.vocabularySize = vocabularySize
        self.dimension = dimension
        weight = Parameter(name: "\(prefix).weight", shape: [vocabularySize, dimension])
        for index in 0..<weight.value.count { weight.value[index] = generator.nextStandardNormal() }
    }

    /// Creates a table that reads `original`'s values and accumulates a gradient of its own
    /// (`Parameter.init(sharingValueOf:)`).
    init(sharingParametersOf original: Embedding) {
        vocabularySize = original.vocabularySize
        dimension = original.dimension
        weight = Parameter(sharingValueOf: original.weight)
    }

    /// The trainable parameters.
    public var parameters: [Parameter] { [weight] }

    /// Looks up every index; the result (`[indices.count][dimension]`) is valid until the next call.
    public func forward(_ indices: [Int]) -> UnsafeMutablePointer<Float> {
        self.indices = indices
        let output = outputs.reserve(indices.count * dimension)
        for (row, index) in indices.enumerated() {
            precondition(index >= 0 && index < vocabularySize, "token \(index) outside the vocabulary")
            (output + row * dimension).update(from: weight.value.pointer + index * dimension, count: dimension)
        }
        return output
    }

    /// Adds `outputGradient` (`[indices.count][dimension]`) into the rows of the table it came from.
    public func backward(_ outputGradient: UnsafePointer<Float>) {
        for (row, index) in indices.enumerated() {
            let target = weight.gradient.pointer + index * dimension
            let source = outputGradient + row * dimension
            for column in 0..<dimension { target[column] = target[column] + source[column] }
        }
    }
}

extension SeededGenerator {
    /// A float drawn from the standard normal distribution (Box–Muller on two uniform draws).
    public mutating func nextStandardNormal() -> Float {
        let u1 = Double(nextUnitFloat()) + 0x1p-25
        let u2 = Double(nextUnitFloat())
        let radius = (-2 * Foundation.log(u1)).squareRoot()
        return Float(radius * Foundation.cos(2 * Double.pi * u2))
    }
}
