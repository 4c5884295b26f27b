/// The chunks of sixteen columns in which element-wise loops walk the rows of `[rows][width]`
/// blocks.
///
/// Each row is walked in chunks of sixteen columns; the last chunk of a row may hold fewer. A
/// short chunk is still computed as a whole `SIMD16`. When the sixteen values from its start
/// lie inside the rows being walked, it loads them all and stores them all: the extra lanes
/// spill into the columns after it, which the walk writes afterwards — the short chunk of a row
/// comes first, then its whole chunks, and rows go in order. Otherwise (the last rows of the
/// walk) it copies its few values in and out. Lanes never interact, so each value is computed
/// exactly as a scalar loop computes it, and no store is followed by a load of the same memory
/// (which would wait for the store).
///
/// So a body may write a buffer only if it does not read it, must write all the columns of each
/// row it writes (block after block in increasing order when a row holds several blocks, like
/// the `G·H` gate rows), and every buffer must be laid out row by row with at least `width`
/// values per row. No other thread may use the rows being walked.
struct RowChunks: Sequence, IteratorProtocol {
    private let rows: Int
    private let width: Int
    private let lastChunkStart: Int
    private var row = 0
    /// The next column in the row: the last chunk's start first, then 0, 16, … before it.
    private var column: Int

    /// The chunks of `rows` rows of `width` columns, rows in order.
    @inline(__always)
    init(rows: Int, width: Int) {
        self.rows = width > 0 ? rows : 0
        self.width = width
        lastChunkStart = Swift.max(width - 1, 0) / 16 * 16
        column = lastChunkStart
    }

    /// The chunks of `count` consecutive values (one row).
    @inline(__always)
    init(count: Int) { self.init(rows: 1, width: count) }

    /// The next chunk: its row, its first column, and how to load and store it.
    @inline(__always)
    mutating func next() -> (row: Int, column: Int, chunk: Chunk)? {
        guard row < rows else { return nil }
        let current = column
        let count = Swift.min(16, width - current)
        let chunk = Chunk(count: count, wholeVectorFits: row * width + current + 16 <= rows * width)
        let result = (row, current, chunk)
        if current == lastChunkStart {
            column = 0
        } else {
            column += 16
        }
        if column == lastChunkStart {
            row += 1
            column = lastChunkStart
        }
        return result
    }

    /// Sixteen consecutive columns of a row, or the last few.
    struct Chunk {
        /// The columns this chunk holds, 1 … 16.
        let count: Int
        /// Whether sixteen values from the chunk's start may be read, and written as a spill.
        let wholeVectorFits: Bool

        /// The chunk's values at `pointer`; other lanes hold whatever follows, or zero.
        @inline(__always)
        func load(_ pointer: UnsafePointer<Float>) -> SIMD16<Float> {
            SIMD16(pointer, lanes: wholeVectorFits ? 16 : count)
        }

        /// Stores the chunk's lanes of `values` to `pointer`, and the others as a spill when
        /// sixteen values fit.
        @inline(__always)
        func store(_ values: SIMD16<Float>, _ pointer: UnsafeMutablePointer<Float>) {
            values.store(to: pointer, lanes: wholeVectorFits ? 16 : count)
        }

        /// `values` with the lanes past the chunk's columns set to zero, for sums.
        @inline(__always)
        func masked(_ values: SIMD16<Float>) -> SIMD16<Float> {
            if count == 16 { return values }
            // All bits set in lanes below `count`: spelled with integer arithmetic, because
            // comparisons of `SIMD` values are compiled lane by lane.
            let lanes = SIMD16<Int32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
            let own = unsafeBitCast((lanes &- Int32(count)) &>> 31, to: SIMD16<UInt32>.self)
            return unsafeBitCast(unsafeBitCast(values, to: SIMD16<UInt32>.self) & own, to: SIMD16<Float>.self)
        }
    }
}
