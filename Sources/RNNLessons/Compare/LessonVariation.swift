/// One `--vary KEY=V1,V2,…`: a lesson key and the values a comparison tries for it.
///
/// KEY is a short name (`cell`, `length`, `learning_rate`) or a full key path
/// (`train.clip`); each value is checked as the lesson file would check it, when the
/// comparison is built.
public struct LessonVariation: Sendable, Equatable {
    /// The key as it is shown and stored: the short name, or the path as written.
    public let key: String
    /// The key path in the lesson file (`["model", "cell"]`).
    public let path: [String]
    /// The values to try, in order.
    public let values: [String]

    /// The short names and the key paths they stand for.
    public static let shortKeys: KeyValuePairs<String, [String]> = [
        "cell": ["model", "cell"], "hidden": ["model", "hidden"], "layers": ["model", "layers"],
        "embedding": ["model", "embedding"], "attention": ["model", "attention"], "forget_bias": ["model", "forget_bias"],
        "bidirectional": ["model", "bidirectional"],
        "learning_rate": ["train", "learning_rate"], "iterations": ["train", "iterations"], "batch": ["train", "batch"],
        "clip": ["train", "clip"], "optimizer": ["train", "optimizer"], "momentum": ["train", "momentum"],
        "length": ["data", "length"], "symbols": ["data", "symbols"], "examples": ["data", "examples"],
        "window": ["data", "window"],
    ]

    /// The sections a full key path may start with.
    static let sections = ["data", "model", "train"]

    /// Creates a variation of the key at `path`, shown as `key`.
    public init(key: String, path: [String], values: [String]) {
        self.key = key
        self.path = path
        self.values = values
    }

    /// Reads `KEY=V1,V2,…`.
    ///
    /// - Throws: `LessonError` with one line for a missing `=`, an unknown key, no values or a
    ///   value given twice. Whether each value is allowed is checked by `Comparison`.
    public init(parsing text: String) throws {
        let example = "expected KEY=V1,V2,… (e.g. length=10,25,50 or cell=rnn,lstm,gru)"
        guard let equals = text.firstIndex(of: "=") else { throw LessonError("--vary \(text): \(example)") }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        let values = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let path: [String]
        if let short = Self.shortKeys.first(where: { $0.key == key }) {
            path = short.value
        } else if key == "seed" || key == "train.seed" {
            throw LessonError("--vary \(text): seeds are varied with --seeds N (and --seed S for the first)")
        } else {
            let parts = key.split(separator: ".").map(String.init)
            guard parts.count == 2, Self.sections.contains(parts[0]) else {
                let known = Self.shortKeys.map(\.key)
                throw LessonError(
                    "--vary \(text): \(key.isEmpty ? "no key" : "unknown key \"\(key)\""); expected \(listing(known)), "
                        + "or a key path such as train.clip")
            }
            path = parts
        }
        guard !values.isEmpty, !values.contains(where: \.isEmpty) else {
            throw LessonError("--vary \(text): an empty value; \(example)")
        }
        if let repeated = values.enumerated().first(where: { values[..<$0.offset].contains($0.element) }) {
            throw LessonError("--vary \(text): \(repeated.element) is given twice; expected each value once")
        }
        self.init(key: key, path: path, values: values)
    }

    /// Whether every value is a number: the key can be an axis (`length`, `learning_rate`).
    public var isNumeric: Bool { values.allSatisfy { Double($0) != nil } }
}
