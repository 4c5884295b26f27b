import Dispatch
import Foundation

/// The inner loops of `MatrixMultiply.multiply`: `C = start + A·B`, where the sums start from
/// zero, from `C` itself or from one bias row (`Start`).
///
/// Summation over `p` runs in increasing order for every element, one multiply and one add at
/// a time: vector lanes hold different columns of `C` and a register tile holds different rows,
/// so neither reorders a sum. The depth is walked in blocks, and `C` holds the running sum
/// between blocks, which changes nothing since a `Float` is stored exactly. Work is split
/// between threads by rows of `C` (or, for wide products with few rows, by columns), each
/// element computed whole by one thread, so results do not depend on the number of threads.
enum MatrixKernel {
    /// Rows of `C` in a full register tile (two `RowGroup`s of four rows; `Panels.tile` and
    /// the packed layout of `A` assume eight).
    static let tileRows = 8
    /// Rows of `C` per block: the block's slice of `A` (256 KB when packed) stays in the L2
    /// cache while every column panel uses it, and each packed panel of `B` serves this many rows.
    static let blockRows = 256
    /// Rows of `B` per pass: a 32-column panel of `B` (32 KB) stays in the L1 cache while every
    /// row tile of a block uses it.
    static let depthBlock = 256
    /// The fewest rows of `C` for which a thread packs its operands whatever their layout.
    static let packedRows = 64
    /// Multiply-adds from which a product is split in two halves by rows, computed side by side
    /// by `TwoThreads` (a few microseconds of work; handing a half over costs about one).
    static let splitWork = 1 << 18
    /// Multiply-adds from which a product is split into several parts for all the processors,
    /// when there are more than two: waking dispatch's workers costs about 30 µs.
    static let parallelWork = 1 << 23
    /// The last columns of a product computed as one zero-padded `SIMD16` (`Panels.visitPadded`)
    /// instead of narrower vectors and single columns: 5 to 15 columns, but not 8 (one `SIMD8`
    /// already). With 25 columns, each row takes two sixteen-wide steps instead of three steps
    /// (16, 8 and 1).
    static func paddedTail(columns: Int) -> Int {
        let tail = columns % 16
        return tail >= 5 && tail != 8 ? tail : 0
    }

    /// Whether a product shared between two threads is split by columns (at a multiple of 32)
    /// rather than rows: when it is wide and has few rows, as a large layer's step product, each
    /// thread then reads half of `B` (which may then stay in its core's cache) instead of all of it.
    static func splitsColumns(m: Int, n: Int) -> Bool { n >= 512 && n >= 2 * m }

    /// Threads for large products (`EngineThreads`).
    static let workers = EngineThreads.count

    static func run(
        m: Int, n: Int, k: Int,
        a: MatrixMultiply.Operand,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        start: Start
    ) {
        let product = Product(
            a: a.pointer, aRowStride: a.rowStride, aColumnStride: a.columnStride,
            b: b, ldb: ldb, c: c, ldc: ldc, n: n, k: k, start: start)
        let tiles = (m + tileRows - 1) / tileRows
        if m * n * k < splitWork || tiles < 2 {
            product.compute(rows: 0..<m)
            return
        }
        if m * n * k < parallelWork || workers <= 2 {
            if splitsColumns(m: m, n: n) {
                TwoThreads.run(splitting: 0..<n, at: n / 64 * 32) { product.columns($0).compute(rows: 0..<m) }
            } else {
                TwoThreads.run(splitting: 0..<m, at: tiles / 2 * tileRows) { product.compute(rows: $0) }
            }
            return
        }
        // Up to a few parts per thread, so a thread slowed by other work is not waited for long,
        // but each part large enough that packing its operands pays.
        let parts = min(tiles, max(workers, min(workers * 4, m / blockRows)))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let first = tiles * part / parts * tileRows
            let end = min(tiles * (part + 1) / parts * tileRows, m)
            product.compute(rows: first..<end)
        }
    }
}

extension MatrixKernel {
    /// What each sum of a product starts from.
    enum Start {
        /// Zero: `C` is only written.
        case zero
        /// `C`'s current value.
        case current
        /// The row vector at the pointer (`n` values), for every row of `C`: a layer's bias.
        case row(UnsafePointer<Float>)
    }

    /// One product's operands, shared read-only between the threads that compute its row ranges
    /// (which write disjoint rows of `C`).
    struct Product: @unchecked Sendable {
        let a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int
        let b: UnsafePointer<Float>, ldb: Int
        let c: UnsafeMutablePointer<Float>, ldc: Int
        let n: Int, k: Int
        let start: Start

        /// Computes rows `rows` of `C`: block by block of rows, then depth block by depth block in
        /// increasing order, each over every column panel.
        ///
        /// When `packs(rows:)`, each panel of `B` (and, when `A`'s rows are not contiguous, each
        /// block of `A`) is first copied to a contiguous scratch.
        func compute(rows: Range<Int>) {
            let tileRows = MatrixKernel.tileRows
            let packs = self.packs(rows: rows.count)
            let leftScratchCount = aColumnStride == 1 ? 0 : MatrixKernel.blockRows * MatrixKernel.depthBlock
            let scratch: UnsafeMutablePointer<Float>? =
                packs ? .allocate(capacity: leftScratchCount + MatrixKernel.depthBlock * 32) : nil
            defer { scratch?.deallocate() }
            for first in stride(from: rows.lowerBound, to: rows.upperBound, by: MatrixKernel.blockRows) {
                let block = first..<min(first + MatrixKernel.blockRows, rows.upperBound)
                var depthStart = 0
                while depthStart < k {
                    let depth = depthStart..<min(depthStart + MatrixKernel.depthBlock, k)
                    let left = if let scratch, aColumnStride != 1 {
                        packLeft(rows: block, depth: depth, into: scratch)
                    } else {
                        LeftBlock(
                            base: a + first * aRowStride + depth.lowerBound * aColumnStride,
                            tileStep: tileRows * aRowStride, rowStride: aRowStride, columnStride: aColumnStride)
                    }
                    let (initial, initialStride) = startValues(first: first, depthStart: depthStart)
                    // A block of a few rows reads `B` in place (one to three rows with 64 or
                    // 128 columns at a time, `widestColumns`).
                    let panels = Panels(
                        product: self, rows: block.count, depth: depth, left: left,
                        out: c + first * ldc, initial: initial, initialStride: initialStride,
                        scratch: block.count >= tileRows ? scratch.map { $0 + leftScratchCount } : nil)
                    panels.computeAll()
                    depthStart = depth.upperBound
                }
            }
        }

        /// The same product restricted to the columns `range` of `B` and `C`.
        func columns(_ range: Range<Int>) -> Product {
            let start: Start = switch self.start {
            case .row(let values): .row(values + range.lowerBound)
            case let other: other
            }
            return Product(
                a: a, aRowStride: aRowStride, aColumnStride: aColumnStride, b: b + range.lowerBound, ldb: ldb,
                c: c + range.lowerBound, ldc: ldc, n: range.count, k: k, start: start)
        }

        /// Where the depth block from `depthStart` of the row block from row `first` starts its
        /// sums (`nil`: from zero), and the distance between rows there. After the first depth
        /// block, `C` holds the running sums.
        func startValues(first: Int, depthStart: Int) -> (UnsafePointer<Float>?, Int) {
            let current = (UnsafePointer(c + first * ldc), ldc)
            if depthStart > 0 { return current }
            switch start {
            case .zero: return (nil, 0)
            case .current: return current
            case .row(let values): return (values, 0)
            }
        }

        /// Whether copying each panel of `B` to a contiguous scratch pays for `rows` rows. With
        /// leading dimensions that are large powers of two, a panel's rows fall in the same cache
        /// sets and evict each other; the copy avoids that but costs as much as a few rows of the
        /// product (measured: not worth it for 32 rows unless `B`'s rows are 4 KB apart or a
        /// multiple of that).
        func packs(rows: Int) -> Bool {
            k >= 32 && n >= 32 && (rows >= MatrixKernel.packedRows || rows >= 16 && ldb % 1024 == 0)
        }

        /// Copies `A`'s rows `rows` and columns `depth` to `scratch`, tile by tile, each tile's
        /// column `p` as `tileRows` consecutive values.
        func packLeft(rows: Range<Int>, depth: Range<Int>, into scratch: UnsafeMutablePointer<Float>) -> LeftBlock {
            let tileRows = MatrixKernel.tileRows
            var target = scratch
            for first in stride(from: rows.lowerBound, to: rows.upperBound, by: tileRows) {
                let count = min(tileRows, rows.upperBound - first)
                var source = a + first * aRowStride + depth.lowerBound * aColumnStride
                for _ in depth {
                    if aRowStride == 1 && count == tileRows {
                        SIMD8<Float>(from: source).store(to: target)
                    } else {
                        for row in 0..<count { target[row] = source[row * aRowStride] }
                    }
                    source += aColumnStride
                    target += tileRows
                }
            }
            return LeftBlock(base: scratch, tileStep: tileRows * depth.count, rowStride: 1, columnStride: tileRows)
        }
    }

    /// Where a block's rows of `A` start, directly in `A` or in a packed copy. Only tile-local row
    /// offsets (below `MatrixKernel.tileRows`) use `rowStride`.
    struct LeftBlock {
        let base: UnsafePointer<Float>
        /// The distance from one row tile to the next.
        let tileStep: Int
        let rowStride: Int
        let columnStride: Int

        /// Element `(row, 0)` of the block.
        @inline(__always)
        func start(_ row: Int) -> UnsafePointer<Float> {
            base + row / MatrixKernel.tileRows * tileStep + row % MatrixKernel.tileRows * rowStride
        }
    }

    /// One depth block of one row block: every column panel, widest vectors first.
    struct Panels: ColumnVisitor {
        let product: Product
        let rows: Int
        let depth: Range<Int>
        let left: LeftBlock
        /// Row 0 of the block in `C`.
        let out: UnsafeMutablePointer<Float>
        /// Row 0 of the values the block's sums start from (`initialStride` apart: `C` itself
        /// when it holds running sums, or one bias row for all), or `nil` to start from zero.
        let initial: UnsafePointer<Float>?
        let initialStride: Int
        /// Room for a packed panel of `B` (`depthBlock` × 32 values), or `nil` to read `B` in place.
        let scratch: UnsafeMutablePointer<Float>?

        func computeAll() {
            let tail = MatrixKernel.paddedTail(columns: product.n)
            ColumnSweep.visit(columns: product.n - tail, widest: widestColumns, self)
            if tail > 0 { visitPadded(column: product.n - tail, count: tail) }
        }

        /// The widest run of columns computed at once: 32 for a register tile (two sums per
        /// row, eight rows), and for blocks of one to three rows (`RowGroup`), 128 or 64, so
        /// that eight or more independent sums are in flight and each vector of `B`, read
        /// from the L2 cache, serves every row.
        var widestColumns: Int {
            switch rows {
            case 1: 128
            case 2, 3: 64
            default: 32
            }
        }

        /// The columns of `C` from `column` on that one `V` holds, for every row of the block.
        @inline(__always)
        func visit<V: KernelVector>(_: V.Type, column: Int) {
            var right = product.b + depth.lowerBound * product.ldb + column
            var rightStride = product.ldb
            if let scratch {
                let width = V.width
                assert(width <= 32, "the panel scratch holds 32 columns (blocks with it sweep 32 at a time)")
                for p in 0..<depth.count { V(from: right + p * rightStride).store(to: scratch + p * width) }
                right = UnsafePointer(scratch)
                rightStride = width
            }
            sweepRows(
                V.self, right: right, rightStride: rightStride, out: out + column, ldc: product.ldc,
                initial: initial.map { $0 + column }, initialStride: initialStride)
        }

        /// The last `count` columns of `C` (5 to 15, from `column`) as one `SIMD16`: the
        /// block's columns of `B` (and of `C`, when the sums start from it) are copied into
        /// sixteen-wide scratch rows, zero after the last column, computed there, and `C`'s
        /// columns copied back. Each value of `C` gets the same sum as in place; the extra
        /// lanes are discarded.
        func visitPadded(column: Int, count: Int) {
            // A bias row is the same for every row: one scratch row serves them all.
            let startRows = initial == nil ? 0 : initialStride == 0 ? 1 : rows
            withUnsafeTemporaryAllocation(of: Float.self, capacity: (depth.count + rows + startRows) * 16) { buffer in
                let panel = buffer.baseAddress!, block = panel + depth.count * 16, start = block + rows * 16
                // Each row's few values, zero after them (a partial load reads no further).
                func copy(_ rowCount: Int, from source: UnsafePointer<Float>, stride: Int, into target: UnsafeMutablePointer<Float>) {
                    for row in 0..<rowCount {
                        SIMD16<Float>(source + row * stride, lanes: count).store(to: target + row * 16, lanes: 16)
                    }
                }
                copy(depth.count, from: product.b + depth.lowerBound * product.ldb + column, stride: product.ldb, into: panel)
                if let initial { copy(startRows, from: initial + column, stride: initialStride, into: start) }
                sweepRows(
                    SIMD16<Float>.self, right: panel, rightStride: 16, out: block, ldc: 16,
                    initial: initial == nil ? nil : UnsafePointer(start), initialStride: initialStride == 0 ? 0 : 16)
                for row in 0..<rows {
                    SIMD16<Float>(block + row * 16, lanes: 16).store(to: out + row * product.ldc + column, lanes: count)
                }
            }
        }

        /// Every row of the block, for the columns of `C` at `out` (rows `ldc` apart) that one
        /// `V` holds, with `B`'s matching columns at `right` (rows `rightStride` apart), starting
        /// from the values at `initial` (rows `initialStride` apart) or from zero.
        @inline(__always)
        func sweepRows<V: KernelVector>(
            _: V.Type, right: UnsafePointer<Float>, rightStride: Int, out: UnsafeMutablePointer<Float>, ldc: Int,
            initial: UnsafePointer<Float>?, initialStride: Int
        ) {
            func start(_ row: Int) -> UnsafePointer<Float>? { initial.map { $0 + row * initialStride } }
            /// Rows `row ..< row + U + L + X` as one tile.
            func tile<U: RowCount, L: RowCount, X: RowCount>(_: U.Type, _: L.Type, _: X.Type, row: Int) {
                self.tile(
                    U.self, L.self, X.self, V.self, row: row, right: right, rightStride: rightStride,
                    out: out + row * ldc, ldc: ldc, initial: start(row), initialStride: initialStride)
            }
            // Tiles of eight rows; the last one also takes the one to three rows after it, and
            // four to seven rows left (or fewer than four in all) make a tile of their own.
            let tileRows = MatrixKernel.tileRows
            let fullTiles = rows / tileRows, leftOver = rows % tileRows
            for index in 0..<fullTiles {
                let row = index * tileRows
                switch index == fullTiles - 1 ? leftOver : 0 {
                case 1: tile(FourRows.self, FourRows.self, OneRow.self, row: row)
                case 2: tile(FourRows.self, FourRows.self, TwoRows.self, row: row)
                case 3: tile(FourRows.self, FourRows.self, ThreeRows.self, row: row)
                default: tile(FourRows.self, FourRows.self, NoRows.self, row: row)
                }
            }
            guard fullTiles == 0 || leftOver >= 4 else { return }
            let row = fullTiles * tileRows
            switch leftOver {
            case 1: tile(OneRow.self, NoRows.self, NoRows.self, row: row)
            case 2: tile(TwoRows.self, NoRows.self, NoRows.self, row: row)
            case 3: tile(ThreeRows.self, NoRows.self, NoRows.self, row: row)
            case 4: tile(FourRows.self, NoRows.self, NoRows.self, row: row)
            case 5: tile(FourRows.self, OneRow.self, NoRows.self, row: row)
            case 6: tile(FourRows.self, TwoRows.self, NoRows.self, row: row)
            case 7: tile(FourRows.self, ThreeRows.self, NoRows.self, row: row)
            default: break
            }
        }

        /// A register tile: up to eleven rows of `C` (`U`, `L` and `X` rows: up to four, four
        /// and three) by one `V` of columns, each `B` vector loaded once per `p` and used by all
        /// the rows. A full tile of eight rows holds sixteen independent sums for 32 columns,
        /// enough to keep both FMA units busy through their latency; blocks of one to three rows
        /// get 64 or 128 columns (`widestColumns`).
        @inline(__always)
        func tile<U: RowCount, L: RowCount, X: RowCount, V: KernelVector>(
            _: U.Type, _: L.Type, _: X.Type, _: V.Type, row: Int, right: UnsafePointer<Float>, rightStride: Int,
            out: UnsafeMutablePointer<Float>, ldc: Int, initial: UnsafePointer<Float>?, initialStride: Int
        ) {
            let stride = left.rowStride, step = left.columnStride
            // The upper and lower groups fill one tile of `A`, the extra rows start the next.
            let lowerRow = FourRows.value, extraRow = MatrixKernel.tileRows
            var upperScales = left.start(row), lowerScales = left.start(row + lowerRow)
            var extraScales = left.start(row + extraRow)
            var right = right
            var upper = RowGroup<V, U>(from: initial, stride: initialStride)
            var lower = RowGroup<V, L>(from: initial.map { $0 + lowerRow * initialStride }, stride: initialStride)
            var extra = RowGroup<V, X>(from: initial.map { $0 + extraRow * initialStride }, stride: initialStride)
            for _ in 0..<depth.count {
                let vector = V(from: right)
                upper.add(upperScales, stride: stride, times: vector)
                lower.add(lowerScales, stride: stride, times: vector)
                extra.add(extraScales, stride: stride, times: vector)
                upperScales += step
                lowerScales += step
                extraScales += step
                right += rightStride
            }
            upper.store(to: out, ldc: ldc)
            lower.store(to: out + lowerRow * ldc, ldc: ldc)
            extra.store(to: out + extraRow * ldc, ldc: ldc)
        }
    }
}

/// The number of rows a `RowGroup` holds, known when the code is specialised.
protocol RowCount {
    static var value: Int { get }
}

enum NoRows: RowCount { static var value: Int { 0 } }
enum OneRow: RowCount { static var value: Int { 1 } }
enum TwoRows: RowCount { static var value: Int { 2 } }
enum ThreeRows: RowCount { static var value: Int { 3 } }
enum FourRows: RowCount { static var value: Int { 4 } }

/// Running sums of `R.value` (none to four) consecutive rows of `C` over one `V` of columns.
/// The sums past `R.value` are never computed or stored.
struct RowGroup<V: KernelVector, R: RowCount> {
    var s0: V, s1: V, s2: V, s3: V

    /// Starts from the rows at `initial` (`stride` apart), or from zero when `nil`.
    @inline(__always)
    init(from initial: UnsafePointer<Float>?, stride: Int) {
        s0 = V(repeating: 0); s1 = s0; s2 = s0; s3 = s0
        guard let initial else { return }
        if R.value > 0 { s0 = V(from: initial) }
        if R.value > 1 { s1 = V(from: initial + stride) }
        if R.value > 2 { s2 = V(from: initial + 2 * stride) }
        if R.value > 3 { s3 = V(from: initial + 3 * stride) }
    }

    /// Adds `scales[r · stride] · vector` to row `r`'s sum, one fused multiply-add each.
    @inline(__always)
    mutating func add(_ scales: UnsafePointer<Float>, stride: Int, times vector: V) {
        if R.value > 0 { s0 = s0.adding(scales[0], times: vector) }
        if R.value > 1 { s1 = s1.adding(scales[stride], times: vector) }
        if R.value > 2 { s2 = s2.adding(scales[2 * stride], times: vector) }
        if R.value > 3 { s3 = s3.adding(scales[3 * stride], times: vector) }
    }

    @inline(__always)
    func store(to out: UnsafeMutablePointer<Float>, ldc: Int) {
        if R.value > 0 { s0.store(to: out) }
        if R.value > 1 { s1.store(to: out + ldc) }
        if R.value > 2 { s2.store(to: out + 2 * ldc) }
        if R.value > 3 { s3.store(to: out + 3 * ldc) }
    }
}

/// Work done on a matrix's columns one vector's width at a time.
protocol ColumnVisitor {
    /// Handles the columns from `column` on that one `V` holds.
    func visit<V: KernelVector>(_: V.Type, column: Int)
}

/// Splits columns into the vectors that cover them, widest first.
enum ColumnSweep {
    /// Visits `columns` columns in order: `widest` (32, 64 or 128) at a time, then 64 (when
    /// `widest` is 128), 32, 16, 8, 4 and one by one.
    @inline(__always)
    static func visit(columns: Int, widest: Int, _ visitor: some ColumnVisitor) {
        var column = 0
        if widest >= 128 {
            while column + 128 <= columns {
                visitor.visit(Columns128.self, column: column)
                column += 128
            }
        }
        if widest >= 64 {
            while column + 64 <= columns {
                visitor.visit(Columns64.self, column: column)
                column += 64
            }
        }
        while column + 32 <= columns {
            visitor.visit(Columns32.self, column: column)
            column += 32
        }
        if column + 16 <= columns {
            visitor.visit(SIMD16<Float>.self, column: column)
            column += 16
        }
        if column + 8 <= columns {
            visitor.visit(SIMD8<Float>.self, column: column)
            column += 8
        }
        if column + 4 <= columns {
            visitor.visit(SIMD4<Float>.self, column: column)
            column += 4
        }
        while column < columns {
            visitor.visit(Float.self, column: column)
            column += 1
        }
    }
}

/// A run of consecutive `Float` columns the kernel computes together: a SIMD vector, or a
/// single `Float` for the last few columns.
protocol KernelVector {
    init(repeating value: Float)
    /// Loads consecutive values from memory that need not be aligned.
    init(from pointer: UnsafePointer<Float>)
    /// Stores the values to memory that need not be aligned.
    func store(to pointer: UnsafeMutablePointer<Float>)
    /// The number of columns.
    static var width: Int { get }
    /// `self + scale · other`, lane-wise, as one fused multiply-add (rounded once).
    func adding(_ scale: Float, times other: Self) -> Self
}

extension KernelVector where Self: SIMD, Scalar == Float {
    @inline(__always)
    init(from pointer: UnsafePointer<Float>) {
        self = UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }

    @inline(__always)
    func store(to pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
    }

    static var width: Int { scalarCount }
}

// The arithmetic is spelled out for each concrete type: there the standard library's
// vector instructions apply, where a generic `SIMD` operator would go lane by lane.
extension SIMD16: KernelVector where Scalar == Float {
    @inline(__always)
    func adding(_ scale: Float, times other: Self) -> Self { addingProduct(Self(repeating: scale), other) }
}

extension SIMD8: KernelVector where Scalar == Float {
    @inline(__always)
    func adding(_ scale: Float, times other: Self) -> Self { addingProduct(Self(repeating: scale), other) }
}

extension SIMD4: KernelVector where Scalar == Float {
    @inline(__always)
    func adding(_ scale: Float, times other: Self) -> Self { addingProduct(Self(repeating: scale), other) }
}

/// Two vectors side by side: `VectorPair<SIMD16<Float>>` holds 32 columns, and nesting gives 64
/// or 128. (`SIMD32<Float>` arithmetic is compiled lane by lane.)
struct VectorPair<Half: KernelVector>: KernelVector {
    var low: Half
    var high: Half

    @inline(__always)
    init(low: Half, high: Half) {
        self.low = low
        self.high = high
    }

    @inline(__always)
    init(repeating value: Float) { self.init(low: Half(repeating: value), high: Half(repeating: value)) }

    @inline(__always)
    init(from pointer: UnsafePointer<Float>) {
        self.init(low: Half(from: pointer), high: Half(from: pointer + Half.width))
    }

    @inline(__always)
    func store(to pointer: UnsafeMutablePointer<Float>) {
        low.store(to: pointer)
        high.store(to: pointer + Half.width)
    }

    static var width: Int { 2 * Half.width }

    @inline(__always)
    func adding(_ scale: Float, times other: Self) -> Self {
        Self(low: low.adding(scale, times: other.low), high: high.adding(scale, times: other.high))
    }
}

typealias Columns32 = VectorPair<SIMD16<Float>>
typealias Columns64 = VectorPair<Columns32>
typealias Columns128 = VectorPair<Columns64>

extension Float: KernelVector {
    @inline(__always)
    init(repeating value: Float) { self = value }

    @inline(__always)
    init(from pointer: UnsafePointer<Float>) { self = pointer.pointee }

    @inline(__always)
    func store(to pointer: UnsafeMutablePointer<Float>) { pointer.pointee = self }

    static var width: Int { 1 }

    @inline(__always)
    func adding(_ scale: Float, times other: Float) -> Float { addingProduct(scale, other) }
}
