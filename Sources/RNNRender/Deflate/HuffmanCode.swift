/// A canonical Huffman code for one deflate alphabet (RFC 1951 §3.2.2).
struct HuffmanCode {
    /// Each symbol's code length in bits; 0 for symbols without a code.
    let lengths: [UInt8]
    /// Each symbol's code, bit-reversed so a `BitWriter` (least significant bit first) writes it as deflate expects.
    let codes: [UInt32]

    /// The canonical code for the given code lengths.
    init(lengths: [UInt8]) {
        var perLength = [Int](repeating: 0, count: 16)
        for length in lengths where length > 0 { perLength[Int(length)] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1...15 {
            code = (code + perLength[bits - 1]) << 1
            next[bits] = code
        }
        var codes = [UInt32](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            codes[symbol] = Self.reversed(UInt32(next[Int(length)]), bits: Int(length))
            next[Int(length)] += 1
        }
        self.lengths = lengths
        self.codes = codes
    }

    /// An optimal code for `frequencies` with no code longer than `limit` bits.
    ///
    /// At least two symbols get a code (unused ones are added when needed), so the code is
    /// always complete, which every inflater accepts.
    init(frequencies: [Int], limit: Int) {
        self.init(lengths: Self.codeLengths(frequencies, limit: limit))
    }

    /// Huffman code lengths (two-queue construction), then lengths over `limit` folded back
    /// by moving leaves up the tree until the Kraft sum is exactly one (as miniz does).
    static func codeLengths(_ frequencies: [Int], limit: Int) -> [UInt8] {
        var symbols = frequencies.indices.filter { frequencies[$0] > 0 }
        var filler = 0
        while symbols.count < 2 {
            if !symbols.contains(filler) { symbols.append(filler) }
            filler += 1
        }
        let weight = { (symbol: Int) in max(frequencies[symbol], 1) }
        symbols.sort { (weight($0), $0) < (weight($1), $1) }
        // Leaves 0..<n in ascending weight, then internal nodes, created in ascending weight too.
        let n = symbols.count
        var nodeWeight = symbols.map(weight) + [Int](repeating: 0, count: n - 1)
        var parent = [Int](repeating: 0, count: 2 * n - 1)
        var leaf = 0, inner = n
        for node in n..<(2 * n - 1) {
            var children = (0, 0)
            for k in 0..<2 {
                let child: Int
                if leaf < n, inner >= node || nodeWeight[leaf] <= nodeWeight[inner] {
                    child = leaf; leaf += 1
                } else {
                    child = inner; inner += 1
                }
                if k == 0 { children.0 = child } else { children.1 = child }
            }
            nodeWeight[node] = nodeWeight[children.0] + nodeWeight[children.1]
            parent[children.0] = node
            parent[children.1] = node
        }
        var depth = [Int](repeating: 0, count: 2 * n - 1)
        for node in stride(from: 2 * n - 3, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }

        var perLength = [Int](repeating: 0, count: max(limit, depth[0..<n].max() ?? 0) + 1)
        for leaf in 0..<n { perLength[depth[leaf]] += 1 }
        for length in (limit + 1)..<perLength.count {
            perLength[limit] += perLength[length]
            perLength[length] = 0
        }
        var kraft = 0
        for length in 1...limit { kraft += perLength[length] << (limit - length) }
        while kraft != 1 << limit {
            perLength[limit] -= 1
            for length in stride(from: limit - 1, to: 0, by: -1) where perLength[length] > 0 {
                perLength[length] -= 1
                perLength[length + 1] += 2
                break
            }
            kraft -= 1
        }
        // The rarest symbols get the longest codes.
        var lengths = [UInt8](repeating: 0, count: frequencies.count)
        var next = 0
        for length in stride(from: limit, through: 1, by: -1) {
            for _ in 0..<perLength[length] {
                lengths[symbols[next]] = UInt8(length)
                next += 1
            }
        }
        return lengths
    }

    private static func reversed(_ code: UInt32, bits: Int) -> UInt32 {
        var result: UInt32 = 0, code = code
        for _ in 0..<bits {
            result = result << 1 | code & 1
            code >>= 1
        }
        return result
    }
}
