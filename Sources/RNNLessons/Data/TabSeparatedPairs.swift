import Foundation

/// One line of a two-column data file: its two fields and where it was written.
public struct TabSeparatedPair: Sendable, Equatable {
    /// The first field, trimmed: a sentence to classify, an input to generate from.
    public var first: String
    /// The second field, trimmed: its label, or the sequence to generate.
    public var second: String
    /// The 1-based line in its file.
    public var line: Int
}

/// Reads the two-column files of classify and generate lessons: one example a line,
/// `text<TAB>label` or `input<TAB>output`.
///
/// Lines starting with `#` and blank lines are skipped. A first line that names the columns
/// (`header`, any letter case) is a header and skipped. Windows line endings and a byte-order
/// mark are accepted. Every problem is one line naming the file and line.
enum TabSeparatedPairs {
    /// The pairs of the file at `key` of the lesson's `data:` (`tsv`, `test_tsv`), named in errors
    /// by the key; a folder, a device or an unreadable file is named as such (`DataFile`).
    static func read(key: String, header: [String], in file: LessonFile) throws -> [TabSeparatedPair] {
        let (text, display) = try file.dataText(key)
        let pairs = try parse(text, path: display, header: header)
        guard !pairs.isEmpty else {
            throw LessonError("\(display): no examples; expected lines of \(header.joined(separator: "<TAB>"))")
        }
        return pairs
    }

    /// The pairs of `text`; `path` names the file in errors.
    static func parse(_ text: String, path: String, header: [String]) throws -> [TabSeparatedPair] {
        var pairs: [TabSeparatedPair] = []
        var seenData = false
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // "\r\n" is one Character, a newline as "\n" is.
        for (index, line) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let number = index + 1
            defer { seenData = true }
            if !seenData && fields.map({ $0.lowercased() }) == header { continue }
            let what = header.joined(separator: "<TAB>")
            guard fields.count >= 2 else {
                throw LessonError("\(path):\(number): no \(header[1]) (no TAB); expected \(what)")
            }
            guard fields.count == 2 else {
                throw LessonError("\(path):\(number): \(fields.count) fields; expected two, \(what)")
            }
            guard !fields[0].isEmpty else { throw LessonError("\(path):\(number): the \(header[0]) is empty; expected \(what)") }
            guard !fields[1].isEmpty else { throw LessonError("\(path):\(number): the \(header[1]) is empty; expected \(what)") }
            pairs.append(TabSeparatedPair(first: fields[0], second: fields[1], line: number))
        }
        return pairs
    }
}
