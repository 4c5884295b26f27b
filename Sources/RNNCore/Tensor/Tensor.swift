/// A dense array of `Float` values with a shape, stored contiguously in row-major order.
///
/// `Tensor` is a reference type that owns its memory, so layers can keep preallocated
/// workspaces and kernels can work on raw pointers without copies. The last dimension
/// varies fastest: a `[rows, columns]` tensor stores row 0 first.
public final class Tensor: @unchecked Sendable {
    /// The size of each dimension, outermost first.
    public let shape: [Int]
    /// The number of elements (the product of `shape`).
    public let count: Int
    /// The first element. Valid for `count` elements while the tensor is alive.
    public let pointer: UnsafeMutablePointer<Float>

    /// Creates a tensor of the given shape with every element set to `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.pointer = .allocate(capacity: Swift.max(count, 1))
        pointer.initialize(repeating: value, count: Swift.max(count, 1))
    }

    /// Creates a tensor of the given shape holding `values` in row-major order.
    public convenience init(shape: [Int], values: [Float]) {
        self.init(shape: shape)
        precondition(values.count == count, "\(values.count) values do not fill shape \(shape)")
        values.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: count) }
    }

    deinit { pointer.deallocate() }

    /// The element at a flat row-major index.
    @inlinable public subscript(index: Int) -> Float {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }

    /// The number of rows of a tensor seen as a matrix: every dimension but the last.
    public var rows: Int { shape.count <= 1 ? 1 : count / Swift.max(columns, 1) }
    /// The size of the last dimension.
    public var columns: Int { shape.last ?? 1 }

    /// The elements as an array, row-major.
    public var values: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    /// A buffer view of the elements, valid while the tensor is alive.
    public var buffer: UnsafeMutableBufferPointer<Float> { .init(start: pointer, count: count) }

    /// Sets every element to `value`.
    public func fill(_ value: Float) { pointer.update(repeating: value, count: count) }

    /// Copies the elements of `other`, which must have the same number of elements.
    public func copy(from other: Tensor) {
        precondition(other.count == count, "copying \(other.shape) into \(shape)")
        pointer.update(from: other.pointer, count: count)
    }

    /// A new tensor with the same shape and elements.
    public func clone() -> Tensor {
        let result = Tensor(shape: shape)
        result.copy(from: self)
        return result
    }

    /// The sum of the squares of the elements, in `Double`: sixteen partial sums, lane `l`
    /// adding the squares of elements `k ≡ l (mod 16)` in increasing `k`, then halved in a
    /// fixed order (lanes 0–7 plus 8–15, then 0–3 plus 4–7, …), the order of `VectorLoops.dot`.
    /// Each square is exact in `Double`, and the order does not depend on the build or the machine.
    public func sumOfSquares() -> Double {
        var low = SIMD8<Double>.zero, high = SIMD8<Double>.zero
        for start in stride(from: 0, to: count, by: 16) {
            let values = SIMD16<Float>(pointer + start, lanes: Swift.min(16, count - start))
            let lowValues = SIMD8<Double>(values.lowHalf), highValues = SIMD8<Double>(values.highHalf)
            low.addProduct(lowValues, lowValues)
            high.addProduct(highValues, highValues)
        }
        let eight = low + high
        let four = eight.lowHalf + eight.highHalf
        let two = four.lowHalf + four.highHalf
        return two[0] + two[1]
    }
}

/// A reusable buffer that grows to the largest size asked of it and is never shrunk.
///
/// Layers keep their per-sequence workspaces in these so that repeated training steps of the
/// same size allocate nothing.
public struct Workspace {
    /// The current storage; at least as large as the last `reserve` asked for.
    public private(set) var tensor = Tensor(shape: [0])

    /// Creates an empty workspace.
    public init() {}

    /// Returns storage for `count` elements, zeroed when `zeroed` is true.
    @discardableResult
    public mutating func reserve(_ count: Int, zeroed: Bool = false) -> UnsafeMutablePointer<Float> {
        if tensor.count < count { tensor = Tensor(shape: [count]) } else if zeroed {
            tensor.pointer.update(repeating: 0, count: count)
        }
        return tensor.pointer
    }

    /// The storage's first element.
    public var pointer: UnsafeMutablePointer<Float> { tensor.pointer }
}
