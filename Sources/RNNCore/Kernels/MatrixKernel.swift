/// The inner loops of `MatrixMultiply.multiply`, for `C += A·B` with `C` already initialised.
///
/// Summation over `p` runs in increasing order for every element, one multiply and one add at
/// a time. Work is split between threads by rows of `C` only, so results do not depend on the
/// number of threads.
enum MatrixKernel {
    static func run(
        m: Int, n: Int, k: Int,
        a: MatrixMultiply.Operand,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        for i in 0..<m {
            let row = c + i * ldc
            for p in 0..<k {
                let scale = a.pointer[i * a.rowStride + p * a.columnStride]
                let line = b + p * ldb
                for j in 0..<n { row[j] = row[j] + scale * line[j] }
            }
        }
    }
}
