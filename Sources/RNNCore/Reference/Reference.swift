import Foundation

/// The clean, minimal reference engine: every operation of RNNLab as plain loops over arrays,
/// one sequence at a time, each forward beside its backward, with the shapes in the comments and
/// the lecture's equations in the doc comments — short enough to read on a projector.
///
/// The fast engine (`RecurrentLayer`, `BahdanauAttention`, `CrossEntropy`, `Adam`) computes the
/// same things on batches, with matrix kernels, two threads and SIMD lanes; the tests check it
/// against this one (`ReferenceEngineTests`): the same bits where both add in the same order
/// (Adam), within 1e-5 where the fast engine's sums run in another order or its `tanh` and
/// `exp` are its own (a few units in the last place of a float).
///
/// Start reading at `Reference.cellForward` (one time step of an RNN, LSTM or GRU), then
/// `Reference.layerForward` and `layerBackward` (backpropagation through time).
public enum Reference {
    /// `W x + b` for `W` stored row-major as `[rows][columns]` (PyTorch's `[out][in]`).
    static func affine(_ w: [Float], _ x: [Float], _ b: [Float]) -> [Float] {
        let columns = x.count
        return b.indices.map { row in
            var sum = b[row]
            for column in 0..<columns { sum += w[row * columns + column] * x[column] }
            return sum
        }
    }

    /// The gradients of `y = W x (+ b)` for ∂L/∂y = `dy`: adds `dy xᵀ` into `dw` (and `dy` into
    /// `db`) and returns ∂L/∂x = `Wᵀ dy`.
    static func affineBackward(_ dy: [Float], w: [Float], x: [Float], dw: inout [Float], db: inout [Float]) -> [Float] {
        let columns = x.count
        var dx = [Float](repeating: 0, count: columns)
        for row in dy.indices {
            db[row] += dy[row]
            for column in 0..<columns {
                dw[row * columns + column] += dy[row] * x[column]
                dx[column] += w[row * columns + column] * dy[row]
            }
        }
        return dx
    }

    /// σ(x) = 1 / (1 + e^−x).
    static func sigmoid(_ x: Float) -> Float { 1 / (1 + Foundation.exp(-x)) }

    /// tanh(x).
    static func tanh(_ x: Float) -> Float { Foundation.tanh(x) }

    /// Rows `block·H ..< (block+1)·H` of a stacked gate vector (LSTM `i f g o`, GRU `r z n`).
    static func gate(_ stacked: [Float], _ block: Int, _ hiddenSize: Int) -> [Float] {
        Array(stacked[block * hiddenSize..<(block + 1) * hiddenSize])
    }

    /// The vector `[value(0), value(1), …, value(count − 1)]`.
    static func vector(_ count: Int, _ value: (Int) -> Float) -> [Float] { (0..<count).map(value) }

    /// `a + b`, element by element.
    static func add(_ a: [Float], _ b: [Float]) -> [Float] { zip(a, b).map(+) }
}
