/// The matrix product every layer is built on: `C = C₀ + A·B` in a fixed summation order.
///
/// Each element is computed as `c = c₀; c = c + a[i,0]·b[0,j]; c = c + a[i,1]·b[1,j]; …`
/// with no fused multiply-add and no reassociation, so the result is bit-for-bit the same in
/// debug and release builds, with any `-target-cpu`, and whichever thread computes it.
///
/// `A` is addressed through two strides, which makes `Aᵀ` free: element `(i, p)` is
/// `a[i * aRowStride + p * aColumnStride]`. `B` and `C` are row-major with leading dimensions
/// `ldb` and `ldc`.
public enum MatrixMultiply {
    /// Describes a left operand in memory.
    public struct Operand {
        /// The first element.
        public var pointer: UnsafePointer<Float>
        /// The distance between consecutive rows.
        public var rowStride: Int
        /// The distance between consecutive columns.
        public var columnStride: Int

        /// A row-major matrix whose rows are `leadingDimension` apart.
        public static func rowMajor(_ pointer: UnsafePointer<Float>, leadingDimension: Int) -> Operand {
            Operand(pointer: pointer, rowStride: leadingDimension, columnStride: 1)
        }

        /// The transpose of a row-major matrix whose rows are `leadingDimension` apart.
        public static func transposed(_ pointer: UnsafePointer<Float>, leadingDimension: Int) -> Operand {
            Operand(pointer: pointer, rowStride: 1, columnStride: leadingDimension)
        }
    }

    /// Computes `C[m×n] = (accumulate ? C : 0) + A[m×k] · B[k×n]`.
    public static func multiply(
        m: Int, n: Int, k: Int,
        a: Operand,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool
    ) {
        if m == 0 || n == 0 { return }
        if !accumulate {
            for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
        }
        if k == 0 { return }
        MatrixKernel.run(m: m, n: n, k: k, a: a, b: b, ldb: ldb, c: c, ldc: ldc)
    }

    /// Adds the column sums of a row-major `rows × columns` matrix to `sums`, rows in order.
    public static func addColumnSums(
        of matrix: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>
    ) {
        for row in 0..<rows {
            let line = matrix + row * columns
            for column in 0..<columns { sums[column] = sums[column] + line[column] }
        }
    }

    /// Writes the transpose of the row-major `rows × columns` matrix `source` into `destination`.
    public static func transpose(
        _ source: UnsafePointer<Float>, rows: Int, columns: Int, into destination: UnsafeMutablePointer<Float>
    ) {
        for row in 0..<rows {
            for column in 0..<columns { destination[column * rows + row] = source[row * columns + column] }
        }
    }
}
