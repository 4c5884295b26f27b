/// FNV-1a, 64 bits: a small, fixed hash of a lesson file's bytes for checkpoint metadata, so a
/// checkpoint says which version of its lesson trained it.
public enum LessonHash {
    /// The hash of `bytes` as 16 lowercase hex digits, prefixed `fnv1a64:`.
    public static func of(_ bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
