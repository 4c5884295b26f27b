/// Splits text into lower-cased word and punctuation tokens, and joins tokens back into text.
///
/// The tokenizer works on `Character`s (extended grapheme clusters), so no script is split
/// apart or dropped: Korean "안녕하세요", accented "café" (composed or decomposed), an emoji with a
/// skin-tone modifier "👍🏽" or a ZWJ sequence "👩‍💻" each stay whole.
///
/// Rules, applied after lower-casing the whole text:
/// - Whitespace, and invisible control or format characters (zero-width space, byte-order
///   mark), separate tokens and are dropped.
/// - Letters, digits, combining marks and `_` form words.
/// - An apostrophe (`'` or `’`) or a hyphen between two word characters stays inside the word:
///   "don't", "what's", "one-to-many". The typographic `’` is stored as `'`, so both
///   spellings give the same token. A leading or trailing apostrophe is punctuation.
/// - A `.` or `,` between two digits stays inside the number: "3.14", "1,000".
/// - Every other character — punctuation, symbols, emoji — is a token of its own, even when
///   it touches a word: `"hi, there!🙂"` → `hi` `,` `there` `!` `🙂`.
///
/// ```swift
/// let tokenizer = WordTokenizer()
/// tokenizer.tokenize("Hi, what's an RNN?")  // ["hi", ",", "what's", "an", "rnn", "?"]
/// tokenizer.detokenize(["hi", ",", "there", "!"])  // "hi, there!"
/// ```
public struct WordTokenizer: Sendable {
    /// Creates a tokenizer.
    public init() {}

    /// A token as written: its text and whether whitespace came before it.
    public struct WrittenToken: Sendable, Equatable {
        /// The token, lower-cased.
        public var text: String
        /// Whether whitespace (or an invisible separator) stood between it and the token before.
        public var spaceBefore: Bool

        /// A token as written.
        public init(_ text: String, spaceBefore: Bool) {
            self.text = text
            self.spaceBefore = spaceBefore
        }
    }

    /// Returns the tokens of `text`, lower-cased, in reading order.
    public func tokenize(_ text: String) -> [String] { tokenizeAsWritten(text).map(\.text) }

    /// Returns the tokens of `text`, lower-cased, in reading order, each with whether it was
    /// written after a space (so that `TokenSpacing` can learn how a corpus writes them).
    public func tokenizeAsWritten(_ text: String) -> [WrittenToken] {
        let characters = Array(text.lowercased())
        var tokens: [WrittenToken] = []
        var word = ""
        var wordSpaced = false
        var spaced = false

        func endWord() {
            if !word.isEmpty {
                tokens.append(WrittenToken(word, spaceBefore: wordSpaced))
                word = ""
            }
        }

        for (position, character) in characters.enumerated() {
            let next = position + 1 < characters.count ? characters[position + 1] : nil
            if Self.isSeparator(character) {
                endWord()
                spaced = true
            } else if Self.isWordCharacter(character) {
                if word.isEmpty { wordSpaced = spaced }
                word.append(character)
                spaced = false
            } else if let joined = Self.joiner(character, after: word.last, before: next) {
                word.append(joined)
            } else {
                endWord()
                tokens.append(WrittenToken(String(character), spaceBefore: spaced))
                spaced = false
            }
        }
        endWord()
        return tokens
    }

    /// Joins `tokens` into readable text: one space between words, none before closing
    /// punctuation (`, . ! ? ; : ) ]` …) and none after opening punctuation (`( [ ¿ ¡` …) —
    /// except where `spacing` knows how its corpus writes the two tokens side by side
    /// ("tanh(x)", "-1"), which wins.
    ///
    /// Straight double quotes alternate between opening and closing. Case is left as it is,
    /// so `detokenize(tokenize(text))` is `text` lower-cased with its spacing normalised.
    public func detokenize(_ tokens: [String], spacing: TokenSpacing? = nil) -> String {
        var text = ""
        var spaceAllowed = false
        var insideQuote = false
        var previous: String?
        for token in tokens where !token.isEmpty {
            var attachesLeft = Self.closing.contains(token)
            var attachesRight = Self.opening.contains(token)
            if token == "\"" {
                attachesLeft = insideQuote
                attachesRight = !insideQuote
                insideQuote.toggle()
            }
            if let previous {
                let written = spacing?.spaceBetween(previous, token)
                if written ?? (spaceAllowed && !attachesLeft) { text.append(" ") }
            }
            text.append(token)
            spaceAllowed = !attachesRight
            previous = token
        }
        return text
    }

    // MARK: - Character classes

    /// Tokens written without a space before them.
    private static let closing: Set<String> = [
        ",", ".", "!", "?", ";", ":", ")", "]", "}", "%", "…", "»", "”", "’",
        "。", "、", "，", "！", "？", "：", "；", "）", "」", "』",
    ]

    /// Tokens written without a space after them.
    private static let opening: Set<String> = ["(", "[", "{", "¿", "¡", "«", "“", "‘", "（", "「", "『"]

    /// Whitespace and invisible control or format characters: they only separate tokens.
    private static func isSeparator(_ character: Character) -> Bool {
        character.isWhitespace
            || character.unicodeScalars.allSatisfy {
                $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
            }
    }

    /// Letters, digits, combining marks and `_`, unless the character is an emoji (a keycap
    /// such as "1️⃣" starts with a digit but is a symbol of its own).
    private static func isWordCharacter(_ character: Character) -> Bool {
        guard !isEmoji(character) else { return false }
        if character.isLetter || character.isNumber || character == "_" {
            return true
        }
        switch character.unicodeScalars.first?.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether `character` is drawn as an emoji: it starts with an emoji scalar and has emoji
    /// presentation by default, or is made one by a variation selector (U+FE0F), a keycap
    /// (U+20E3) or a zero-width joiner (U+200D). Letters joined by U+200D (as in some Indic
    /// scripts) do not start with an emoji scalar, so they stay letters.
    private static func isEmoji(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first, first.properties.isEmoji else {
            return false
        }
        return character.unicodeScalars.contains { scalar in
            scalar.properties.isEmojiPresentation || [0xFE0F, 0x20E3, 0x200D].contains(scalar.value)
        }
    }

    /// The character to append to a word when `character` joins the word character before it
    /// to the one after it ("don't", "one-to-many", "3.14"), or `nil` when it is a token itself.
    private static func joiner(
        _ character: Character, after previous: Character?, before next: Character?
    ) -> Character? {
        guard let previous, let next, isWordCharacter(previous), isWordCharacter(next) else {
            return nil
        }
        switch character {
        case "'", "’": return "'"
        case "-": return "-"
        case ".", ",": return previous.isNumber && next.isNumber ? character : nil
        default: return nil
        }
    }
}
