import Foundation

/// A property of each character of a text that a unit of a character model might track, as
/// Karpathy, Johnson and Fei-Fei (2015) found cells tracking the position in a line, quotes and
/// brackets. A probe gives every position a value (what the unit should follow) and says which
/// characters it concerns (where zeroing a unit that tracks it should hurt the prediction).
///
/// | probe       | value at a character                                  | concerns         |
/// |-------------|-------------------------------------------------------|------------------|
/// | `position`  | characters since the last line break (0 at the break) | line breaks      |
/// | `quote`     | 1 inside "…" (the quote marks included), else 0        | `"`              |
/// | `bracket`   | nesting depth of ( [ { after the character            | brackets         |
/// | `word`      | position in the word (1, 2, …), 0 outside words       | spaces and breaks|
/// | `vowel`     | 1 at a vowel (a e i o u, either case), else 0         | vowels           |
/// | `space`     | 1 at a space, else 0                                  | spaces           |
/// | `regex:P`   | 1 inside a match of P, else 0                         | matched characters|
///
/// The prediction at a character is of the character after it, so a probe "concerns" the
/// characters a unit tracking it helps to *predict*: a unit counting the position in the line
/// helps predict where the line breaks.
public enum TextProbe: Sendable, Equatable {
    case position, quote, bracket, word, vowel, space
    /// Inside a match of the pattern (as written after `regex:`).
    case regex(String)

    /// The probes without a pattern, in the order `rnnlab cells` reports them.
    public static let named: [TextProbe] = [.position, .quote, .bracket, .word, .vowel, .space]

    /// The name as the command line writes it.
    public var name: String {
        switch self {
        case .position: "position"
        case .quote: "quote"
        case .bracket: "bracket"
        case .word: "word"
        case .vowel: "vowel"
        case .space: "space"
        case .regex(let pattern): "regex:\(pattern)"
        }
    }

    /// What the probe's value is, for figure labels.
    public var meaning: String {
        switch self {
        case .position: "characters since the line break"
        case .quote: "inside a quote (1) or not (0)"
        case .bracket: "bracket depth"
        case .word: "position in the word"
        case .vowel: "a vowel (1) or not (0)"
        case .space: "a space (1) or not (0)"
        case .regex(let pattern): "inside /\(pattern)/ (1) or not (0)"
        }
    }

    /// The characters its causal check measures the loss on, in words.
    public var concernedCharacters: String {
        switch self {
        case .position: "line breaks"
        case .quote: "quote marks"
        case .bracket: "brackets"
        case .word: "spaces and line breaks"
        case .vowel: "vowels"
        case .space: "spaces"
        case .regex: "characters in matches"
        }
    }

    /// Reads `text` (`position`, …, or `regex:PATTERN`).
    ///
    /// - Throws: `LessonError` for an unknown name or a pattern that does not compile.
    public init(parsing text: String) throws {
        if text.hasPrefix("regex:") {
            let pattern = String(text.dropFirst("regex:".count))
            guard !pattern.isEmpty else { throw LessonError("--probe \(text): expected regex:PATTERN with a pattern, e.g. regex:[0-9]+") }
            do { _ = try NSRegularExpression(pattern: pattern) } catch {
                throw LessonError("--probe \(text): the pattern does not compile; expected a regular expression (ICU syntax)")
            }
            self = .regex(pattern)
            return
        }
        guard let probe = Self.named.first(where: { $0.name == text }) else {
            throw LessonError("--probe \(text): no such probe; expected \(Self.named.map(\.name).joined(separator: ", ")) or regex:PATTERN")
        }
        self = probe
    }

    /// The probe's value at each character of `characters`.
    public func values(_ characters: [String]) -> [Float] {
        switch self {
        case .position:
            var since = 0
            return characters.map { c in
                since = Self.isLineBreak(c) ? 0 : since + 1
                return Float(since)
            }
        case .quote:
            var inside = false
            return characters.map { c in
                guard c == "\"" else { return inside ? 1 : 0 }
                inside.toggle()
                return 1  // an opening or closing mark belongs to the quote
            }
        case .bracket:
            var depth = 0
            return characters.map { c in
                if "([{".contains(c) && c.count == 1 { depth += 1 }
                if ")]}".contains(c) && c.count == 1 { depth = max(0, depth - 1) }
                return Float(depth)
            }
        case .word:
            var position = 0
            return characters.map { c in
                position = Self.isWordCharacter(c) ? position + 1 : 0
                return Float(position)
            }
        case .vowel: return characters.map { Self.isVowel($0) ? 1 : 0 }
        case .space: return characters.map { $0 == " " ? 1 : 0 }
        case .regex(let pattern): return Self.matches(pattern, in: characters).map { $0 ? 1 : 0 }
        }
    }

    /// Whether each character of `characters` is one the probe concerns (see the table above).
    public func concerns(_ characters: [String]) -> [Bool] {
        switch self {
        case .position: characters.map(Self.isLineBreak)
        case .quote: characters.map { $0 == "\"" }
        case .bracket: characters.map { $0.count == 1 && "()[]{}".contains($0) }
        case .word: characters.map { $0 == " " || Self.isLineBreak($0) }
        case .vowel: characters.map(Self.isVowel)
        case .space: characters.map { $0 == " " }
        case .regex(let pattern): Self.matches(pattern, in: characters)
        }
    }

    static func isLineBreak(_ c: String) -> Bool { c == "\n" || c == "\r\n" || c == "\r" }
    static func isVowel(_ c: String) -> Bool { c.count == 1 && "aeiouAEIOU".contains(c) }
    static func isWordCharacter(_ c: String) -> Bool { c.count == 1 && (c.first!.isLetter || c == "'") }

    /// Whether each character lies inside a match of `pattern` (compiled by `init(parsing:)`).
    private static func matches(_ pattern: String, in characters: [String]) -> [Bool] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return characters.map { _ in false } }
        let text = characters.joined()
        // Each character's range in UTF-16, the unit NSRegularExpression counts in.
        var starts: [Int] = [], offset = 0
        for c in characters {
            starts.append(offset)
            offset += c.utf16.count
        }
        var inside = [Bool](repeating: false, count: characters.count)
        for match in expression.matches(in: text, range: NSRange(location: 0, length: offset)) where match.range.length > 0 {
            let lower = match.range.location, upper = match.range.location + match.range.length
            var k = starts.partitionPoint { $0 < lower }
            while k < characters.count && starts[k] < upper {
                inside[k] = true
                k += 1
            }
        }
        return inside
    }
}

extension Array where Element == Int {
    /// The first index whose element is not `belongsBefore` (the array sorted so that those
    /// elements come first).
    fileprivate func partitionPoint(_ belongsBefore: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if belongsBefore(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
