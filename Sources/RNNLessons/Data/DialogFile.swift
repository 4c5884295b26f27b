import Foundation

/// One exchange of a dialog file: a question, its answer, and where the question was written.
public struct DialogPair: Sendable, Equatable {
    /// What the user says, trimmed of surrounding whitespace.
    public var question: String
    /// What the chatbot should answer, trimmed of surrounding whitespace.
    public var answer: String
    /// The 1-based line of the question in its file.
    public var line: Int

    /// Creates a pair.
    public init(question: String, answer: String, line: Int) {
        self.question = question
        self.answer = answer
        self.line = line
    }
}

/// How a dialog file is written; a lesson says which (`dialogs:` or `chat_log:`), it is never guessed.
public enum DialogLayout: Sendable, Equatable {
    /// One pair a line: `question<TAB>answer` (`data.dialogs`). A first line such as
    /// `question<TAB>answer` that names the two columns is a header, and skipped.
    case tabSeparated
    /// A chat log (`data.chat_log`): every line is answered by the next one, so lines 1, 2, 3
    /// give the pairs (1, 2) and (2, 3). A blank line ends a conversation; no pair crosses it.
    case chatLog
}

/// Reads the question–answer pairs a chatbot lesson trains on.
///
/// A dialog file is UTF-8 text in one of two layouts (see ``DialogLayout``), which the caller
/// chooses. Lines starting with `#` are comments; they and blank lines are skipped. Windows line
/// endings and a leading byte-order mark are accepted.
///
/// For example, with `<TAB>` standing for a TAB character:
/// ```
/// # greetings
/// question<TAB>answer
/// hi<TAB>hello! what shall we learn today?
/// what is an rnn?<TAB>a network that reads a sequence one step at a time.
/// ```
public enum DialogFile {
    /// The words that name the columns of a header line (`question<TAB>answer`, `prompt<TAB>response`).
    public static let headerWords: Set<String> = [
        "question", "answer", "questions", "answers", "q", "a", "prompt", "response", "input", "output", "user", "bot",
        "reply", "query", "human", "assistant", "message", "source", "target",
    ]

    /// The pairs of the dialog file at `url`, read in `layout`, in file order.
    ///
    /// Errors name the file by `url.relativePath`, so a relative file URL stays short.
    /// - Throws: `DialogFileError` when the file cannot be read (missing, a folder, a device),
    ///   is not UTF-8, has a malformed line, or holds no pair.
    public static func pairs(contentsOf url: URL, layout: DialogLayout) throws -> [DialogPair] {
        let path = url.relativePath
        let bytes: [UInt8]
        do { bytes = try DataFile.read(url) } catch { throw DialogFileError.unreadable(path: path, reason: error.description) }
        return try pairs(parsing: try text(of: bytes, path: path), path: path, layout: layout)
    }

    /// The pairs of dialog text read from `path` (used in error messages only), in file order.
    ///
    /// - Throws: `DialogFileError.malformedLine` for a bad tab-separated line,
    ///   `DialogFileError.noPairs` when the text holds no pair.
    public static func pairs(parsing text: String, path: String, layout: DialogLayout) throws -> [DialogPair] {
        let lines = numberedLines(of: text)
        let pairs =
            switch layout {
            case .tabSeparated: try tabSeparatedPairs(lines, path: path)
            case .chatLog: chatLogPairs(lines)
            }
        if pairs.isEmpty {
            throw DialogFileError.noPairs(path: path, layout: layout)
        }
        return pairs
    }

    /// Whether `fields` name the columns of a dialog file rather than hold a pair: two words
    /// such as `question` and `answer`.
    public static func isHeader(_ fields: [String]) -> Bool {
        fields.count == 2 && fields.allSatisfy { headerWords.contains($0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ":"))) }
    }

    // MARK: - Lines

    /// A line of the file that is neither blank nor a comment, or a blank line (`text == nil`),
    /// with its 1-based number.
    private struct Line {
        var number: Int
        var text: String?
    }

    /// The content lines of `text` and the blank lines between them; comments are left out.
    private static func numberedLines(of text: String) -> [Line] {
        var body = Substring(text)
        if body.first == "\u{FEFF}" {
            body = body.dropFirst()
        }
        // Splitting on "\n" scalars keeps "\r\n" (one Character) from hiding line breaks.
        let rawLines = body.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [Line] = []
        for (offset, scalars) in rawLines.enumerated() {
            var line = String(String.UnicodeScalarView(scalars))
            if line.hasSuffix("\r") {
                line.removeLast()
            }
            if line.hasPrefix("#") { continue }
            let isBlank = line.allSatisfy(\.isWhitespace)
            lines.append(Line(number: offset + 1, text: isBlank ? nil : line))
        }
        return lines
    }

    // MARK: - Layouts

    private static func tabSeparatedPairs(_ lines: [Line], path: String) throws -> [DialogPair] {
        let firstLine = lines.first { $0.text != nil }?.number
        return try lines.compactMap { line in
            guard let text = line.text else { return nil }
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false).map(trimmed)
            if line.number == firstLine && isHeader(fields) { return nil }
            guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw DialogFileError.malformedLine(
                    path: path, line: line.number, found: description(ofMalformed: text, fields: fields))
            }
            return DialogPair(question: fields[0], answer: fields[1], line: line.number)
        }
    }

    private static func chatLogPairs(_ lines: [Line]) -> [DialogPair] {
        var pairs: [DialogPair] = []
        var previous: Line?
        for line in lines {
            if let text = line.text, let question = previous, let questionText = question.text {
                pairs.append(
                    DialogPair(question: trimmed(questionText), answer: trimmed(text), line: question.number))
            }
            previous = line
        }
        return pairs
    }

    // MARK: - Messages

    /// What was found on a malformed tab-separated line, for the error message.
    private static func description(ofMalformed text: String, fields: [String]) -> String {
        let problem =
            switch fields.count {
            case 1: "no tab; a chat log, every line answered by the next, is read with chat_log: instead of dialogs:"
            case 2 where fields[0].isEmpty: "an empty question"
            case 2: "an empty answer"
            default: "\(fields.count - 1) tabs"
            }
        return "\(excerpt(of: text)) (\(problem))"
    }

    /// `text` quoted on one line, tabs shown as `<TAB>`, cut to about 40 characters.
    private static func excerpt(of text: String) -> String {
        let limit = 40
        var shown = ""
        for character in text {
            shown += character == "\t" ? "<TAB>" : character.isNewline ? " " : String(character)
        }
        if shown.count > limit {
            shown = shown.prefix(limit) + "…"
        }
        return "\"\(shown)\""
    }

    private static func trimmed(_ text: some StringProtocol) -> String {
        text.trimmingCharacters(in: .whitespaces)
    }

    /// The file's text, or an error giving the line and byte of the first invalid UTF-8 sequence.
    private static func text(of bytes: [UInt8], path: String) throws -> String {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var line = 1
        validating: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1 }
            case .emptyInput:
                break validating
            case .error:
                throw DialogFileError.invalidUTF8(path: path, line: line, byte: offset + 1)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Why a dialog file could not be read. The description is one line that starts with the file.
public enum DialogFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file is not UTF-8 text; `byte` is the 1-based offset of the first bad sequence.
    case invalidUTF8(path: String, line: Int, byte: Int)
    /// A tab-separated line has no tab, more than one, or an empty side.
    case malformedLine(path: String, line: Int, found: String)
    /// The file holds no question–answer pair.
    case noPairs(path: String, layout: DialogLayout)

    /// One line, for example `lessons/chatbot/dialogs.tsv:12: expected "question<TAB>answer",
    /// found "hello there" (no tab)`.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): \(reason)"
        case .invalidUTF8(let path, let line, let byte):
            "\(path):\(line): not UTF-8 text (invalid byte sequence at byte \(byte))"
        case .malformedLine(let path, let line, let found):
            "\(path):\(line): expected \"question<TAB>answer\", found \(found)"
        case .noPairs(let path, .tabSeparated):
            "\(path): no dialog pairs found; expected \"question<TAB>answer\" lines"
        case .noPairs(let path, .chatLog):
            "\(path): no dialog pairs found; expected a chat log of two or more lines in a row"
        }
    }
}

extension DialogFileError: LocalizedError {
    /// The same one line as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }
}
