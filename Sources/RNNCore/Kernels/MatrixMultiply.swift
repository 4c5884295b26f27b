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
    /// of a few hundred thousand multiply-adds or more are shared between two threads, by rows
    /// of `C` (by columns when wide with few rows), and from about eight million by rows between
    /// all the active processors (`EngineThreads` sets how many), with the same result. Small
    /// products run on the calling thread and allocate nothing.
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
        MatrixKernel.run(m: m, n: n, k: k, a: a, b: b, ldb: ldb, c: c, ldc: ldc, start: accumulate ? .current : .zero)
    }

    /// Computes `C[m×n] = A[m×k] · B[k×n]` plus the row vector `bias` (`n` values) in every
    /// row: a layer's `x·Wᵀ + b` for `m` inputs at once.
    ///
    /// Each sum starts from `bias[j]` and adds its terms as `multiply` does, so the result is
    /// the same as copying `bias` into every row of `C` and multiplying with `accumulate`,
    /// without writing and reading `C` once more.
    public static func multiply(
        m: Int, n: Int, k: Int,
        a: Operand,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        startingFrom bias: UnsafePointer<Float>
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            for i in 0..<m { (c + i * ldc).update(from: bias, count: n) }
            return
        }
        MatrixKernel.run(m: m, n: n, k: k, a: a, b: b, ldb: ldb, c: c, ldc: ldc, start: .row(bias))
    }

    /// Adds `Aᵀ·B` to the row-major `m × n` matrix `C`, where `A` (`k × m`, rows `lda` apart)
    /// and `B` (`k × n`, rows `ldb` apart) are row-major: the weight gradient `∂L/∂W += Σ_r
    /// (∂L/∂y_r)ᵀ x_r` of a layer `y = W x` over `k` rows.
    ///
    /// Each element is summed exactly as `multiply` would (`c = fma(a[r][i], b[r][j], c)` for
    /// `r` in order). When `C` is tall and narrow (few inputs, as for one-hot characters or a
    /// handful of stock features), the kernel's vectors would mostly run over `C`'s few columns;
    /// then `Cᵀ += Bᵀ·A` is computed instead on a transposed copy, which gives the same bits,
    /// since a fused multiply-add does not depend on the order of its two factors.
    public static func addTransposedProduct(
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int
    ) {
        guard n < 64, m > n else {
            multiply(m: m, n: n, k: k, a: .transposed(a, leadingDimension: lda), b: b, ldb: ldb, c: c, ldc: n, accumulate: true)
            return
        }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: m * n) { buffer in
            let flipped = buffer.baseAddress!
            transpose(c, rows: m, columns: n, into: flipped)
            multiply(
                m: n, n: m, k: k, a: .transposed(b, leadingDimension: ldb), b: a, ldb: lda, c: flipped, ldc: m,
                accumulate: true)
            transpose(flipped, rows: n, columns: m, into: c)
        }
    }

    /// Adds the column sums of a row-major `rows × columns` matrix to `sums`, rows in order.
    ///
    /// Each sum is `s = s + row₀; s = s + row₁; …`, so the result does not depend on the build.
    public static func addColumnSums(
        of matrix: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>
    ) {
        // Large matrices are summed in two halves of columns side by side.
        let middle = rows * columns >= splitElements ? columns / 32 * 16 : 0
        TwoThreads.run(splitting: 0..<columns, at: middle) { part in
            ColumnSweep.visit(
                columns: part.count, widest: 128,
                ColumnSums(matrix: matrix + part.lowerBound, rows: rows, stride: columns, sums: sums + part.lowerBound))
        }
    }

    /// Elements from which element-wise work on a matrix (a transpose, column sums) is split in
    /// two halves: about 10 µs of transposing; handing a half over costs about one.
    static let splitElements = 1 << 14

    /// Writes the transpose of the row-major `rows × columns` matrix `source` into `destination`.
    public static func transpose(
        _ source: UnsafePointer<Float>, rows: Int, columns: Int, into destination: UnsafeMutablePointer<Float>
    ) {
        // Large matrices in two halves of rows side by side.
        let middle = rows * columns >= splitElements ? rows / 16 * 8 : 0
        TwoThreads.run(splitting: 0..<rows, at: middle) { part in
            transposeRows(part, of: source, rows: rows, columns: columns, into: destination)
        }
    }

    /// Writes the columns of `part`'s rows of `source` into `destination`.
    private static func transposeRows(
        _ part: Range<Int>, of source: UnsafePointer<Float>, rows: Int, columns: Int,
        into destination: UnsafeMutablePointer<Float>
    ) {
        // Eight source rows at a time: each column's eight values are gathered into one vector
        // and stored as eight consecutive values of a destination row.
        var firstRow = part.lowerBound
        while firstRow + 8 <= part.upperBound {
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
        for row in firstRow..<part.upperBound {
            for column in 0..<columns { destination[column * rows + row] = source[row * columns + column] }
        }
    }
}

/// Column sums kept in registers while the rows stream past.
private struct ColumnSums: ColumnVisitor {
    let matrix: UnsafePointer<Float>
    let rows: Int
    /// The distance between rows.
    let stride: Int
    let sums: UnsafeMutablePointer<Float>

    @inline(__always)
    func visit<V: KernelVector>(_: V.Type, column: Int) {
        var sum = V(from: sums + column)
        var line = matrix + column
        for _ in 0..<rows {
            // `1 · x` is exactly `x`: this is `sum + x`.
            sum = sum.adding(1, times: V(from: line))
            line += stride
        }
        sum.store(to: sums + column)
    }
}
