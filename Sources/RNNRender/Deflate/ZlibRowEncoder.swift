import Foundation

/// Compresses an image's filtered rows, one at a time, into a zlib stream (RFC 1950/1951).
///
/// Made for figures: most bytes lie in runs (flat areas; rows equal to the row above filter to
/// zeros), which are found a machine word at a time and written as distance-1 matches; other
/// bytes are matched through a one-probe hash of the next 4 bytes, or written as literals.
/// Blocks use dynamic Huffman codes. The bytes depend only on the rows given.
///
/// Hand-written because it is measured to pay (issue #16). On the 146 figures of
/// `rnnlab run --all` (908 MB of filtered rows) it takes 0.62 s of CPU time and writes 18.8 MB,
/// where zlib level 1 takes 1.94 s for 21.7 MB and libdeflate level 6 2.17 s for 17.3 MB
/// (`rnnlab-bench deflate`, median of 3 rounds). A whole `rnnlab run --all` takes 6.3 s of CPU
/// time with it, 7.9 s with zlib and 8.5 s with libdeflate (`RNNLAB_PNG_DEFLATE`, median of 5
/// interleaved runs on the shared 2-core machine): 1.5 s (19 %) less. README, Speed, has the
/// commands and the wall times.
final class ZlibRowEncoder {
    /// The length of every row, in bytes.
    let rowBytes: Int
    /// Recent rows, the current one at `rowOffset`; matches refer back into it.
    private let window: UnsafeMutablePointer<UInt8>
    private let windowRows: Int
    private var rowOffset = 0
    /// The stream position of `window[0]`.
    private var windowStart = 0
    /// For each hash of 4 bytes, the stream position where they last started (or −1).
    private let hashTable: UnsafeMutablePointer<Int>
    private static let hashBits = 15

    /// The current block's tokens (see `DeflateBlockWriter`).
    private let tokens: UnsafeMutablePointer<UInt32>
    private var tokenCount = 0
    private var blocks: DeflateBlockWriter
    private var checksum = Adler32()

    /// Tokens per deflate block.
    private static let blockTokens = 1 << 15
    private static let maxMatch = 258
    private static let maxDistance = 32768

    /// An encoder for rows of `rowBytes` bytes; `expectedBytes` sizes the output buffer.
    /// Without `header`, the stream continues another encoder's (see `finishPart()`).
    init(rowBytes: Int, expectedBytes: Int = 0, header: Bool = true) {
        precondition(rowBytes > 0)
        self.rowBytes = rowBytes
        windowRows = max(4, 1 + 65536 / rowBytes)
        window = .allocate(capacity: windowRows * rowBytes)
        hashTable = .allocate(capacity: 1 << Self.hashBits)
        hashTable.initialize(repeating: -1, count: 1 << Self.hashBits)
        tokens = .allocate(capacity: Self.blockTokens)
        blocks = DeflateBlockWriter(reservingCapacity: expectedBytes)
        if header { blocks.bits.write(0x0178, bits: 16) }  // zlib header 78 01: deflate, 32 KiB window, fastest
    }

    deinit {
        window.deallocate()
        hashTable.deallocate()
        tokens.deallocate()
    }

    /// Where the caller writes the next row (`rowBytes` bytes) before calling `encodeRow()`.
    var nextRow: UnsafeMutablePointer<UInt8> { window + rowOffset }

    /// Compresses the row written at `nextRow`.
    func encodeRow() {
        let w = window, end = rowOffset + rowBytes
        var p = rowOffset, unchecked = rowOffset
        while p < end {
            if p > 0, p + 2 < end {
                let v = w[p - 1]
                if w[p] == v, w[p + 1] == v, w[p + 2] == v {
                    let n = Self.runLength(w + p, of: v, limit: end - p)
                    checksum.update(w + unchecked, count: p - unchecked)
                    checksum.update(repeating: v, count: n)
                    emitRun(n)
                    p += n
                    unchecked = p
                    continue
                }
            }
            if p + 4 <= end {
                let bytes = UnsafeRawPointer(w + p).loadUnaligned(as: UInt32.self)
                let hash = Int((bytes &* 2_654_435_761) >> UInt32(32 - Self.hashBits))
                let candidate = hashTable[hash] - windowStart
                hashTable[hash] = windowStart + p
                if candidate >= 0, p - candidate <= Self.maxDistance,
                   UnsafeRawPointer(w + candidate).loadUnaligned(as: UInt32.self) == bytes {
                    let length = 4 + Self.commonPrefix(w + candidate + 4, w + p + 4, limit: min(Self.maxMatch, end - p) - 4)
                    emit(DeflateBlockWriter.match(length: length, distance: p - candidate))
                    p += length
                    continue
                }
            }
            emit(UInt32(w[p]))
            p += 1
        }
        checksum.update(w + unchecked, count: end - unchecked)
        advanceWindow()
    }

    /// Ends the stream and returns it.
    func finish() -> [UInt8] {
        finishBlocks(final: true) + Self.bigEndian(checksum.value)
    }

    /// Ends this encoder's part of a stream that another encoder (made without `header`)
    /// continues: the blocks so far, then an empty stored block, which brings the stream to a
    /// whole byte. The second part's matches never reach back into this one.
    func finishPart() -> [UInt8] {
        let bytes = finishBlocks(final: false)
        return bytes + [0x00, 0x00, 0xFF, 0xFF]
    }

    /// The Adler-32 checksum of the rows encoded so far.
    var checksumValue: UInt32 { checksum.value }

    /// The stream's 4 trailing bytes: an Adler-32 checksum, most significant byte first.
    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
         UInt8(truncatingIfNeeded: value)]
    }

    /// Writes the last block (the final one when `final`; otherwise followed by the 3 header
    /// bits of an empty stored block) and pads to a whole byte.
    private func finishBlocks(final: Bool) -> [UInt8] {
        flushBlock(final: final)
        var bits = blocks.bits
        if !final { bits.write(0, bits: 3) }  // BFINAL 0, BTYPE 00: stored; LEN and NLEN follow
        return bits.finish()
    }

    // MARK: tokens

    @inline(__always)
    private func emit(_ token: UInt32) {
        tokens[tokenCount] = token
        tokenCount += 1
        if tokenCount == Self.blockTokens { flushBlock(final: false) }
    }

    /// `n` (at least 3) more copies of the previous byte, as distance-1 matches.
    private func emitRun(_ n: Int) {
        var left = n
        while left >= 3 {
            // Never leave 1 or 2 bytes, which a match cannot cover.
            let length = left > Self.maxMatch ? min(Self.maxMatch, left - 3) : left
            emit(DeflateBlockWriter.match(length: length, distance: 1))
            left -= length
        }
    }

    private func flushBlock(final: Bool) {
        guard final || tokenCount > 0 else { return }
        blocks.writeBlock(UnsafeBufferPointer(start: tokens, count: tokenCount), final: final)
        tokenCount = 0
    }

    /// Moves on to the next row slot; when the window is full, keeps only the last row.
    private func advanceWindow() {
        rowOffset += rowBytes
        guard rowOffset == windowRows * rowBytes else { return }
        let kept = rowOffset - rowBytes
        memcpy(window, window + kept, rowBytes)
        windowStart += kept
        rowOffset = rowBytes
    }

    // MARK: scanning

    /// How many bytes from `start` (at most `limit`) equal `value`, compared 8 at a time.
    @inline(__always)
    private static func runLength(_ start: UnsafeMutablePointer<UInt8>, of value: UInt8, limit: Int) -> Int {
        let pattern = UInt64(value) &* 0x0101_0101_0101_0101
        var n = 0
        while n + 8 <= limit, UnsafeRawPointer(start + n).loadUnaligned(as: UInt64.self) == pattern { n += 8 }
        while n < limit, start[n] == value { n += 1 }
        return n
    }

    /// How many leading bytes (at most `limit`) `a` and `b` share, compared 8 at a time.
    @inline(__always)
    private static func commonPrefix(_ a: UnsafeMutablePointer<UInt8>, _ b: UnsafeMutablePointer<UInt8>, limit: Int) -> Int {
        var n = 0
        while n + 8 <= limit {
            let x = UnsafeRawPointer(a + n).loadUnaligned(as: UInt64.self) ^ UnsafeRawPointer(b + n).loadUnaligned(as: UInt64.self)
            if x != 0 { return n + x.trailingZeroBitCount / 8 }
            n += 8
        }
        while n < limit, a[n] == b[n] { n += 1 }
        return n
    }
}
