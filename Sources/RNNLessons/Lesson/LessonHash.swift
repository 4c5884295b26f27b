import Yams

/// FNV-1a, 64 bits: a small, fixed hash for checkpoint metadata, so that a checkpoint says which
/// version of its lesson trained it.
public enum LessonHash {
    /// The sections of a lesson file that change what training does.
    public static let trainingSections = ["task", "data", "model", "train"]

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

    /// The hash of what a lesson file says about training — `task`, `data`, `model`, `train` —
    /// written in a canonical form (keys sorted, no comments, no layout), so that editing
    /// comments, the title, `show:` or `compare:` keeps the lesson's trained model current.
    public static func training(of root: Node) -> String {
        let mapping = root.mapping
        let text = trainingSections.map { "\($0)=" + (mapping?[$0].map(canonical) ?? "~") }.joined(separator: "\n")
        return of(text.utf8)
    }

    /// `node` as one line: scalars quoted, mappings with sorted keys, sequences in order.
    static func canonical(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return quoted(scalar.string)
        case .mapping(let mapping):
            let entries = mapping.map { (key: $0.key.scalar?.string ?? canonical($0.key), value: canonical($0.value)) }
            return "{" + entries.sorted { $0.key < $1.key }.map { quoted($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
        case .sequence(let sequence): return "[" + sequence.map(canonical).joined(separator: ",") + "]"
        case .alias: return "*"
        }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
