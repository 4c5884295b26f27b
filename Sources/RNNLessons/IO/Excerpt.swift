/// A value from a user's file as an error message shows it: in quotes, control characters
/// escaped, and cut short when long, so that a message stays one short line whatever the file
/// holds (a 1 MB cell is not echoed whole).
public enum Excerpt {
    /// The most characters of a value shown.
    public static let limit = 60

    /// `text` in double quotes, `"` and `\` and control characters escaped (`\n`, `\u{1}`), and
    /// cut after `limit` characters with the whole length said: `"abc…" (1000000 characters)`.
    public static func quoted(_ text: String, limit: Int = limit) -> String {
        let (shown, count) = cut(text, limit: limit)
        return count <= limit ? "\"\(shown)\"" : "\"\(shown)…\" (\(count) characters)"
    }

    /// `text` as `quoted` shows it, without the quotes: `abc… (1000000 characters)`.
    public static func bare(_ text: String, limit: Int = limit) -> String {
        let (shown, count) = cut(text, limit: limit)
        return count <= limit ? shown : "\(shown)… (\(count) characters)"
    }

    /// The first `limit` characters of `text`, escaped, and the number of characters in all.
    private static func cut(_ text: String, limit: Int) -> (shown: String, count: Int) {
        var shown = ""
        var count = 0
        for character in text {
            count += 1
            if count <= limit { shown += escaped(character) }
        }
        return (shown, count)
    }

    private static func escaped(_ character: Character) -> String {
        switch character {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r\n": return "\\r\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            guard character.unicodeScalars.contains(where: isControl) else { return String(character) }
            return character.unicodeScalars.map { isControl($0) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        }
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar.properties.generalCategory == .format && scalar.value != 0x200D
    }
}
