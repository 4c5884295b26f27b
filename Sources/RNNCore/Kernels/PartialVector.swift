extension SIMD16 where Scalar == Float {
    /// The first `lanes` values at `pointer` (1 to 16), zero in the other lanes; only those
    /// values are read, as pieces of 8, 4, 2 and 1 values (a copy through memory would call
    /// `memcpy`, and the vector load after it would wait for the copy's stores).
    @inline(__always)
    init(_ pointer: UnsafePointer<Float>, lanes: Int) {
        let raw = UnsafeRawPointer(pointer)
        if lanes == 16 {
            self = raw.loadUnaligned(as: Self.self)
            return
        }
        var eight = SIMD8<Float>.zero, at = 0
        if lanes >= 8 {
            eight = raw.loadUnaligned(as: SIMD8<Float>.self)
            at = 8
        }
        var four = SIMD4<Float>.zero, fourAt = at
        if lanes - at >= 4 {
            four = raw.loadUnaligned(fromByteOffset: at * 4, as: SIMD4<Float>.self)
            fourAt += 4
        }
        // The last zero to three values.
        let left = lanes - fourAt
        let two = left >= 2 ? raw.loadUnaligned(fromByteOffset: fourAt * 4, as: SIMD2<Float>.self) : .zero
        let one: Float = left == 1 || left == 3 ? pointer[lanes - 1] : 0
        let last = left >= 2 ? SIMD4(two[0], two[1], one, 0) : SIMD4(one, 0, 0, 0)
        let rest = fourAt > at ? SIMD8(lowHalf: four, highHalf: last) : SIMD8(lowHalf: last, highHalf: .zero)
        self = at == 8 ? SIMD16(lowHalf: eight, highHalf: rest) : SIMD16(lowHalf: rest, highHalf: .zero)
    }

    /// Stores the first `lanes` values (1 to 16) to `pointer`, touching nothing after them:
    /// as pieces of 8, 4, 2 and 1 values (a copy through memory would call `memcpy`, and make
    /// the next load of these values wait).
    @inline(__always)
    func store(to pointer: UnsafeMutablePointer<Float>, lanes: Int) {
        let raw = UnsafeMutableRawPointer(pointer)
        if lanes == 16 {
            raw.storeBytes(of: self, as: Self.self)
            return
        }
        var eight = lowHalf, at = 0
        if lanes >= 8 {
            raw.storeBytes(of: lowHalf, as: SIMD8<Float>.self)
            eight = highHalf
            at = 8
        }
        var four = eight.lowHalf
        if lanes - at >= 4 {
            raw.storeBytes(of: eight.lowHalf, toByteOffset: at * 4, as: SIMD4<Float>.self)
            four = eight.highHalf
            at += 4
        }
        var two = four.lowHalf
        if lanes - at >= 2 {
            raw.storeBytes(of: four.lowHalf, toByteOffset: at * 4, as: SIMD2<Float>.self)
            two = four.highHalf
            at += 2
        }
        if lanes - at == 1 { pointer[at] = two[0] }
    }
}
