/// Writes deflate blocks with dynamic Huffman codes (RFC 1951 §3.2.7) from a list of tokens.
///
/// A token is a literal byte (its value, below 65536) or a match (`length << 16 | distance`).
struct DeflateBlockWriter {
    /// The stream written so far.
    var bits: BitWriter

    /// The order in which the code length code's lengths are written.
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    init(reservingCapacity capacity: Int) { bits = BitWriter(reservingCapacity: capacity) }

    /// A match token.
    @inline(__always)
    static func match(length: Int, distance: Int) -> UInt32 { UInt32(length) << 16 | UInt32(distance) }

    /// Writes one block of `tokens` with codes made for them.
    mutating func writeBlock(_ tokens: UnsafeBufferPointer<UInt32>, final: Bool) {
        let lengthIndex = DeflateSymbols.lengthIndex, lengthBase = DeflateSymbols.lengthBase
        let lengthExtra = DeflateSymbols.lengthExtra, distanceBase = DeflateSymbols.distanceBase
        let distanceExtra = DeflateSymbols.distanceExtra, distanceSymbol = DeflateSymbols.distanceSymbols
        var literalCounts = [Int](repeating: 0, count: 286), distanceCounts = [Int](repeating: 0, count: 30)
        literalCounts[256] = 1  // end of block
        for token in tokens {
            if token < 1 << 16 {
                literalCounts[Int(token)] += 1
            } else {
                literalCounts[257 + Int(lengthIndex[Int(token >> 16)])] += 1
                distanceCounts[distanceSymbol(Int(token & 0xFFFF))] += 1
            }
        }
        let literal = HuffmanCode(frequencies: literalCounts, limit: 15)
        let distance = HuffmanCode(frequencies: distanceCounts, limit: 15)
        bits.write(final ? 1 : 0, bits: 1)
        bits.write(2, bits: 2)
        writeCodes(literal, distance)
        let literalCodes = literal.codes, literalLengths = literal.lengths
        let distanceCodes = distance.codes, distanceLengths = distance.lengths
        for token in tokens {
            if token < 1 << 16 {
                bits.write(literalCodes[Int(token)], bits: Int(literalLengths[Int(token)]))
                continue
            }
            // Each symbol with its extra bits in one write.
            let length = Int(token >> 16), dist = Int(token & 0xFFFF)
            let l = Int(lengthIndex[length])
            let lengthBits = Int(literalLengths[257 + l])
            bits.write(literalCodes[257 + l] | UInt32(length - lengthBase[l]) << lengthBits, bits: lengthBits + lengthExtra[l])
            let d = distanceSymbol(dist)
            let distanceBits = Int(distanceLengths[d])
            bits.write(distanceCodes[d] | UInt32(dist - distanceBase[d]) << distanceBits,
                       bits: distanceBits + distanceExtra[d])
        }
        bits.write(literal.codes[256], bits: Int(literal.lengths[256]))
    }

    /// The block header after the block type: both codes' lengths, run-length coded with the code length code.
    private mutating func writeCodes(_ literal: HuffmanCode, _ distance: HuffmanCode) {
        let literalCount = max(257, (literal.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
        let distanceCount = max(1, (distance.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
        let runs = Self.runLengthCoded(Array(literal.lengths[..<literalCount]) + distance.lengths[..<distanceCount])
        var counts = [Int](repeating: 0, count: 19)
        for run in runs { counts[Int(run.symbol)] += 1 }
        let lengthCode = HuffmanCode(frequencies: counts, limit: 7)
        let orderCount = max(4, (Self.codeLengthOrder.lastIndex { lengthCode.lengths[$0] > 0 } ?? 0) + 1)
        bits.write(UInt32(literalCount - 257), bits: 5)
        bits.write(UInt32(distanceCount - 1), bits: 5)
        bits.write(UInt32(orderCount - 4), bits: 4)
        for symbol in Self.codeLengthOrder[..<orderCount] { bits.write(UInt32(lengthCode.lengths[symbol]), bits: 3) }
        for run in runs {
            bits.write(lengthCode.codes[Int(run.symbol)], bits: Int(lengthCode.lengths[Int(run.symbol)]))
            if run.extraBits > 0 { bits.write(UInt32(run.extra), bits: run.extraBits) }
        }
    }

    /// Code lengths as code length symbols: 0…15 literally, 16 repeats the previous length
    /// 3…6 times, 17 and 18 write 3…10 and 11…138 zeros.
    static func runLengthCoded(_ lengths: [UInt8]) -> [(symbol: UInt8, extra: Int, extraBits: Int)] {
        var runs: [(symbol: UInt8, extra: Int, extraBits: Int)] = []
        var i = 0
        while i < lengths.count {
            let length = lengths[i]
            var run = 1
            while i + run < lengths.count, lengths[i + run] == length { run += 1 }
            i += run
            if length == 0 {
                while run >= 11 {
                    let k = min(run, 138)
                    runs.append((18, k - 11, 7))
                    run -= k
                }
                if run >= 3 {
                    runs.append((17, run - 3, 3))
                    run = 0
                }
            } else {
                runs.append((length, 0, 0))
                run -= 1
                while run >= 3 {
                    let k = min(run, 6)
                    runs.append((16, k - 3, 2))
                    run -= k
                }
            }
            runs += Array(repeating: (length, 0, 0), count: run)
        }
        return runs
    }
}
