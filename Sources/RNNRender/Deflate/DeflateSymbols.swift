/// Deflate's length and distance alphabets (RFC 1951 §3.2.5): which symbol codes a match
/// length or distance, and the extra bits that follow it.
enum DeflateSymbols {
    /// The first length of each length symbol 257…285.
    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                                    131, 163, 195, 227, 258]
    /// The extra bits of each length symbol 257…285.
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// The first distance of each distance symbol 0…29.
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
                                      1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    /// The extra bits of each distance symbol 0…29.
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12,
                                       12, 13, 13]

    /// The index (0…28, symbol − 257) of the length symbol for each length 0…258 (valid from 3).
    static let lengthIndex: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 259)
        for (index, base) in lengthBase.enumerated() {
            let last = index + 1 < lengthBase.count ? min(lengthBase[index + 1] - 1, 257) : 258
            for length in base...last { table[length] = UInt8(index) }
        }
        return table
    }()

    /// Distance symbols by distance − 1 below 256, then by (distance − 1) >> 7 from entry 256 (zlib's scheme).
    private static let distanceTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        for (symbol, base) in distanceBase.enumerated() {
            for distance in base..<(base + (1 << distanceExtra[symbol])) {
                let d = distance - 1
                table[d < 256 ? d : 256 + (d >> 7)] = UInt8(symbol)
            }
        }
        return table
    }()

    /// The distance symbol (0…29) for a distance 1…32768 (one table, looked up once per caller).
    static var distanceSymbols: (Int) -> Int {
        let table = distanceTable
        return { distance in
            let d = distance - 1
            return Int(table[d < 256 ? d : 256 + (d >> 7)])
        }
    }
}
