/// A seeded pseudo-random generator whose sequence is the same on every platform and build.
///
/// The state is xoshiro256** seeded through SplitMix64, so any 64-bit seed gives a well-mixed
/// start. Floats are built from the top 24 bits of each draw, which keeps them exact in `Float`.
///
/// It lives beside the trace's types, which depend on nothing, so that the engine (weights,
/// batches) and the figures (a scatter's sideways spread) draw from the one generator.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose sequence depends only on `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ value: UInt64, _ amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }

    /// A float drawn uniformly from `0 ..< 1`, in steps of 2⁻²⁴.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A float drawn uniformly from `lower ..< upper`.
    public mutating func nextFloat(in lower: Float, _ upper: Float) -> Float {
        lower + (upper - lower) * nextUnitFloat()
    }

    /// An integer drawn uniformly from `0 ..< upperBound`.
    public mutating func nextInt(below upperBound: Int) -> Int {
        precondition(upperBound > 0)
        return Int(next(upperBound: UInt64(upperBound)))
    }

    /// A permutation of `0 ..< count` (Fisher–Yates, drawing from this generator).
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        if count < 2 { return order }
        for index in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(index, nextInt(below: index + 1))
        }
        return order
    }
}
