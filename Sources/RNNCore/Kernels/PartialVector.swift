extension SIMD16 where Scalar == Float {
    /// The first `lanes` values at `pointer` (1 to 16), zero in the other lanes; only those
    /// values are read.
    @inline(__always)
    init(_ pointer: UnsafePointer<Float>, lanes: Int) {
        if lanes == 16 {
            self = UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
        } else {
            self = .zero
            withUnsafeMutableBytes(of: &self) { $0.baseAddress!.copyMemory(from: pointer, byteCount: lanes * 4) }
        }
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
