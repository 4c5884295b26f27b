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

    /// Stores the first `lanes` values (1 to 16) to `pointer`, touching nothing after them.
    @inline(__always)
    func store(to pointer: UnsafeMutablePointer<Float>, lanes: Int) {
        if lanes == 16 {
            UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
        } else {
            withUnsafeBytes(of: self) { UnsafeMutableRawPointer(pointer).copyMemory(from: $0.baseAddress!, byteCount: lanes * 4) }
        }
    }
}
