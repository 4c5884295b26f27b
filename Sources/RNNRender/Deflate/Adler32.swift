import CZlib

/// The Adler-32 checksum that ends a zlib stream; runs of one byte are added in constant time.
struct Adler32 {
    /// The checksum of the bytes added so far.
    private(set) var value: UInt32 = 1
    private static let modulus: UInt64 = 65521

    /// Adds `count` bytes from `bytes` (zlib's implementation).
    mutating func update(_ bytes: UnsafePointer<UInt8>, count: Int) {
        guard count > 0 else { return }
        value = UInt32(adler32_z(uLong(value), bytes, Int(count)))
    }

    /// Adds `count` copies of `byte`: the sum a grows by count·byte, and b by count·a plus
    /// byte·count·(count+1)/2.
    mutating func update(repeating byte: UInt8, count: Int) {
        let n = UInt64(count) % Self.modulus, v = UInt64(byte)
        let a = UInt64(value & 0xFFFF), b = UInt64(value >> 16)
        let triangle = n * (n + 1) / 2 % Self.modulus
        let newA = (a + n * v) % Self.modulus
        let newB = (b + n * a + v * triangle) % Self.modulus
        value = UInt32(newB << 16 | newA)
    }
}
