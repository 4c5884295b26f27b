import Testing

@testable import RNNCore
import RNNTrace

/// The matrix product must equal, bit for bit, the plain loop that defines its summation order.
@Suite struct MatrixMultiplyTests {
    /// One product to check, with its memory layout.
    struct Case: CustomStringConvertible {
        var m: Int, n: Int, k: Int
        var transposedA = false
        var accumulate = true
        /// Whether every row starts from one bias row (`multiply(…, startingFrom:)`) instead;
        /// `accumulate` is then ignored.
        var bias = false
        /// Extra columns beyond the matrix in each row of `A` (its leading dimension), `B` and `C`.
        var padA = 0, padB = 0, padC = 0

        var description: String {
            "m \(m) n \(n) k \(k)\(transposedA ? " Aᵀ" : "")\(bias ? " bias" : accumulate ? " accumulate" : "") "
                + "pads \(padA) \(padB) \(padC)"
        }
    }

    /// Values from `-1 ..< 1` with a varied exponent, so that sums round often.
    static func randomValues(_ count: Int, _ generator: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in
            (generator.nextUnitFloat() * 2 - 1) * Float(1 << Int(generator.next() % 8)) / 128
        }
    }

    /// Computes `c` with `MatrixMultiply.multiply` and with the defining loop, and returns the
    /// first element (row, column) where their bits differ, if any; also fails if the kernel
    /// wrote outside the matrix.
    static func firstMismatch(_ test: Case, seed: UInt64) -> (Int, Int)? {
        var generator = SeededGenerator(seed: seed)
        let (m, n, k) = (test.m, test.n, test.k)
        let lda = (test.transposedA ? m : k) + test.padA
        let ldb = n + test.padB, ldc = n + test.padC
        let a = randomValues((test.transposedA ? k : m) * lda, &generator)
        let b = randomValues(k * ldb, &generator)
        var initial = randomValues(m * ldc, &generator)
        let bias = randomValues(n, &generator)
        let startsFromC = test.accumulate && !test.bias
        if !startsFromC {
            // The initial contents must be ignored, even when not finite.
            for index in initial.indices where index % 3 == 0 { initial[index] = .nan }
        }
        var result = initial
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { c in
                    let operand: MatrixMultiply.Operand = test.transposedA
                        ? .transposed(a.baseAddress!, leadingDimension: lda)
                        : .rowMajor(a.baseAddress!, leadingDimension: lda)
                    if test.bias {
                        MatrixMultiply.multiply(
                            m: m, n: n, k: k, a: operand, b: b.baseAddress!, ldb: ldb,
                            c: c.baseAddress!, ldc: ldc, startingFrom: bias)
                    } else {
                        MatrixMultiply.multiply(
                            m: m, n: n, k: k, a: operand, b: b.baseAddress!, ldb: ldb,
                            c: c.baseAddress!, ldc: ldc, accumulate: test.accumulate)
                    }
                }
            }
        }
        for i in 0..<m {
            for j in 0..<ldc {
                var expected = initial[i * ldc + j]
                if j < n {
                    if !startsFromC { expected = test.bias ? bias[j] : 0 }
                    for p in 0..<k {
                        let scale = test.transposedA ? a[p * lda + i] : a[i * lda + p]
                        expected = expected.addingProduct(scale, b[p * ldb + j])
                    }
                }
                if result[i * ldc + j].bitPattern != expected.bitPattern { return (i, j) }
            }
        }
        return nil
    }

    static func check(_ test: Case, seed: UInt64) {
        let mismatch = firstMismatch(test, seed: seed)
        #expect(mismatch == nil, "\(test): first difference at \(mismatch.map { "\($0)" } ?? "")")
    }

    @Test func randomShapesMatchTheDefiningLoop() {
        var generator = SeededGenerator(seed: 2024)
        for index in 0..<240 {
            let test = Case(
                m: Int(generator.next() % 70) + 1, n: Int(generator.next() % 70) + 1,
                k: Int(generator.next() % 70) + 1,
                transposedA: index % 2 == 1, accumulate: index % 4 < 2, bias: index % 5 == 3,
                padA: index % 3 == 0 ? Int(generator.next() % 5) : 0,
                padB: index % 5 == 0 ? Int(generator.next() % 9) : 0,
                padC: index % 7 == 0 ? Int(generator.next() % 17) : 0)
            Self.check(test, seed: UInt64(index))
        }
    }

    /// Every number of rows left after the full tiles (joined to the last tile, or a tile of
    /// their own), on one thread: `A` in place (1–19 rows) and packed (64–75 rows, `A`
    /// transposed), each with 64- or 32-column panels and an 8-column one.
    @Test(arguments: Array(1...19) + Array(64...75))
    func everyLeftOverRowCountMatchesTheDefiningLoop(_ m: Int) {
        let test = Case(m: m, n: 104, k: 32, transposedA: m >= 64, accumulate: m % 2 == 0, bias: m % 3 == 0)
        #expect(m * test.n * test.k < MatrixKernel.splitWork)
        Self.check(test, seed: UInt64(m))
    }

    @Test(arguments: [
        // Every column width: 128, 64, 32, 16, 8, 4 and single columns, one row and several.
        Case(m: 1, n: 255, k: 9), Case(m: 3, n: 255, k: 40, transposedA: true),
        Case(m: 9, n: 255, k: 33, accumulate: false), Case(m: 2, n: 255, k: 20, bias: true),
        // The last 5–15 columns padded to sixteen, from a bias row.
        Case(m: 13, n: 25, k: 17, bias: true, padC: 3),
        // Several row blocks and depth blocks on one thread.
        Case(m: 530, n: 36, k: 5, transposedA: true, padA: 3),
        Case(m: 9, n: 40, k: 600, accumulate: false, padB: 5, padC: 2),
        Case(m: 11, n: 40, k: 600, bias: true, padB: 5, padC: 2),
        // Rows of `B` 4 KB apart: packed from fewer rows.
        Case(m: 21, n: 40, k: 40, transposedA: true, padB: 1024 - 40),
        Case(m: 1, n: 7, k: 1), Case(m: 1, n: 1, k: 1, accumulate: false),
        // Wide with few rows: split between two threads by columns, with the padded tail.
        Case(m: 16, n: 600, k: 64, transposedA: true, padC: 3), Case(m: 9, n: 1030, k: 70, bias: true),
    ])
    func edgeShapesMatchTheDefiningLoop(_ test: Case) {
        Self.check(test, seed: 7)
    }

    /// Large enough to be split between threads (and, with `A` transposed, to pack `A`).
    @Test(arguments: [
        Case(m: 70, n: 131, k: 1040, accumulate: true, padB: 1, padC: 3),
        Case(m: 130, n: 66, k: 1000, transposedA: true, accumulate: false, padA: 2),
        Case(m: 301, n: 45, k: 640, transposedA: true, accumulate: true),
        Case(m: 300, n: 384, k: 80, bias: true),
        // Whether one part or two, the last row block has two rows and reads `B` in place.
        Case(m: 514, n: 128, k: 130, transposedA: true, accumulate: false),
    ])
    func threadedProductsMatchTheDefiningLoop(_ test: Case) {
        #expect(test.m * test.n * test.k >= MatrixKernel.parallelWork)
        Self.check(test, seed: 11)
    }

    @Test func arbitraryStridesOfA() {
        // a(i, p) = storage[2i + 5p]: neither rows nor columns contiguous. Enough rows that `A`
        // is packed.
        let (m, n, k) = (MatrixKernel.packedRows + 3, 37, 41)
        var generator = SeededGenerator(seed: 5)
        let storage = Self.randomValues(2 * m + 5 * k, &generator)
        let b = Self.randomValues(k * n, &generator)
        var c = [Float](repeating: 0, count: m * n)
        storage.withUnsafeBufferPointer { a in
            MatrixMultiply.multiply(
                m: m, n: n, k: k, a: .init(pointer: a.baseAddress!, rowStride: 2, columnStride: 5),
                b: b, ldb: n, c: &c, ldc: n, accumulate: false)
        }
        var differences = 0
        for i in 0..<m {
            for j in 0..<n {
                var expected: Float = 0
                for p in 0..<k { expected = expected.addingProduct(storage[2 * i + 5 * p], b[p * n + j]) }
                if c[i * n + j].bitPattern != expected.bitPattern { differences += 1 }
            }
        }
        #expect(differences == 0)
    }

    @Test func emptyDepthClearsKeepsOrSetsTheBias() {
        let unused: [Float] = [1]
        var c: [Float] = [3, 4, 5, 6]
        unused.withUnsafeBufferPointer { unused in
            let a = MatrixMultiply.Operand.rowMajor(unused.baseAddress!, leadingDimension: 1)
            let b = unused.baseAddress!
            MatrixMultiply.multiply(m: 2, n: 2, k: 0, a: a, b: b, ldb: 2, c: &c, ldc: 2, accumulate: true)
            #expect(c == [3, 4, 5, 6])
            MatrixMultiply.multiply(m: 2, n: 1, k: 0, a: a, b: b, ldb: 2, c: &c, ldc: 2, accumulate: false)
            #expect(c == [0, 4, 0, 6])
            MatrixMultiply.multiply(m: 2, n: 2, k: 0, a: a, b: b, ldb: 2, c: &c, ldc: 2, startingFrom: [7, 8])
            #expect(c == [7, 8, 7, 8])
        }
    }

    @Test(arguments: [(1, 1), (3, 200), (37, 7), (64, 131)])
    func columnSumsAddRowsInOrder(rows: Int, columns: Int) {
        var generator = SeededGenerator(seed: UInt64(rows * columns))
        let matrix = Self.randomValues(rows * columns, &generator)
        let initial = Self.randomValues(columns, &generator)
        var sums = initial
        MatrixMultiply.addColumnSums(of: matrix, rows: rows, columns: columns, into: &sums)
        for column in 0..<columns {
            var expected = initial[column]
            for row in 0..<rows { expected = expected + matrix[row * columns + column] }
            #expect(sums[column].bitPattern == expected.bitPattern, "column \(column)")
        }
    }

    @Test(arguments: [(1, 1), (1, 20), (17, 3), (33, 50)])
    func transposeMovesEveryElement(rows: Int, columns: Int) {
        let source = (0..<rows * columns).map(Float.init)
        var destination = [Float](repeating: -1, count: rows * columns)
        MatrixMultiply.transpose(source, rows: rows, columns: columns, into: &destination)
        for row in 0..<rows {
            for column in 0..<columns {
                #expect(destination[column * rows + row] == source[row * columns + column])
            }
        }
    }
}
