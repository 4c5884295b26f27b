/// Collects a deflate stream's bits, least significant bit first, into bytes.
struct BitWriter {
    /// The whole bytes written so far.
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    init(reservingCapacity capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends the low `bits` bits of `value` (at most 32; higher bits must be zero).
    @inline(__always)
    mutating func write(_ value: UInt32, bits: Int) {
        let value = UInt64(value)
        buffer |= value &<< UInt64(count)
        count += bits
        guard count >= 64 else { return }
        withUnsafeBytes(of: buffer.littleEndian) { bytes.append(contentsOf: $0) }
        count -= 64
        // The bits of `value` that did not fit (none when it ended exactly at 64).
        buffer = count == 0 ? 0 : value &>> UInt64(bits - count)
    }

    /// Pads with zero bits to a whole byte and returns every byte written.
    mutating func finish() -> [UInt8] {
        while count > 0 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count = max(0, count - 8)
        }
        return bytes
    }
}
