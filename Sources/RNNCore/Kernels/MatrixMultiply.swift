/// The matrix product every layer is built on: `C = C₀ + A·B` in a fixed summation order.
///
/// Each element is computed as `c = c₀; c = fma(a[i,0], b[0,j], c); c = fma(a[i,1], b[1,j], c); …`
/// — one fused multiply-add per term, in increasing order, never reassociated. A fused
/// multiply-add is rounded once, exactly as IEEE 754 defines it, whether the CPU does it
/// (release builds with `-target-cpu native`) or the C library's `fmaf` does (other builds,
/// much slower), so the result is bit-for-bit the same in debug and release builds, on any
/// CPU, and whichever thread computes it.
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
    ///
    /// Without `accumulate`, `C` is only written, so it may hold anything beforehand. Products
    /// of about eight million multiply-adds or more are split by rows of `C` between the active
    /// processors (`RNNLAB_THREADS` sets how many), with the same result. Small products run on
    /// the calling thread and allocate nothing.
    public static func multiply(
        m: Int, n: Int, k: Int,
        a: Operand,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            if !accumulate {
                for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
            }
            return
        }
        MatrixKernel.run(m: m, n: n, k: k, a: a, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
    }

    /// Adds the column sums of a row-major `rows × columns` matrix to `sums`, rows in order.
    ///
    /// Each sum is `s = s + row₀; s = s + row₁; …`, so the result does not depend on the build.
    public static func addColumnSums(
        of matrix: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>
    ) {
        ColumnSweep.visit(
            columns: columns, singleRows: true, ColumnSums(matrix: matrix, rows: rows, columns: columns, sums: sums))
    }

    /// Writes the transpose of the row-major `rows × columns` matrix `source` into `destination`.
    public static func transpose(
        _ source: UnsafePointer<Float>, rows: Int, columns: Int, into destination: UnsafeMutablePointer<Float>
    ) {
        // Eight source rows at a time: each column's eight values are gathered into one vector
        // and stored as eight consecutive values of a destination row.
        var firstRow = 0
        while firstRow + 8 <= rows {
            let top = source + firstRow * columns
            for column in 0..<columns {
                let line = top + column
                let values = SIMD8<Float>(
                    line[0], line[columns], line[2 * columns], line[3 * columns], line[4 * columns],
                    line[5 * columns], line[6 * columns], line[7 * columns])
                UnsafeMutableRawPointer(destination + column * rows + firstRow).storeBytes(of: values, as: SIMD8<Float>.self)
            }
            firstRow += 8
        }
        for row in firstRow..<rows {
            for column in 0..<columns { destination[column * rows + row] = source[row * columns + column] }
        }
    }
}

/// Column sums kept in registers while the rows stream past.
private struct ColumnSums: ColumnVisitor {
    let matrix: UnsafePointer<Float>
    let rows: Int
    let columns: Int
    let sums: UnsafeMutablePointer<Float>

    @inline(__always)
    func visit<V: KernelVector>(_: V.Type, column: Int) {
        var sum = V(from: sums + column)
        var line = matrix + column
        for _ in 0..<rows {
            // `1 · x` is exactly `x`: this is `sum + x`.
            sum = sum.adding(1, times: V(from: line))
            line += columns
        }
        sum.store(to: sums + column)
    }
}
