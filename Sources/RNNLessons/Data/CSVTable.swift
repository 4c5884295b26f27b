import Foundation

/// The cells of a delimited text file as people write them: fields separated by commas,
/// semicolons or TABs (detected, or given), a field in double quotes may hold the separator (a
/// doubled quote is a quote), and the first line may name the columns (detected, or given).
///
/// Lines that are blank or start with `#` are skipped. Windows line endings and a leading
/// byte-order mark are accepted.
public struct CSVTable: Sendable {
    /// One line of data: its 1-based line number in the file and its fields, trimmed.
    public struct Row: Sendable, Equatable {
        /// The line in the file, from 1.
        public var line: Int
        /// The fields, each trimmed of surrounding spaces (and of its quotes).
        public var fields: [String]
    }

    /// The field separator.
    public let delimiter: CSVDelimiter
    /// The column names of the header line, if the file has one.
    public let header: [String]?
    /// The data lines, in file order.
    public let rows: [Row]

    /// The number of columns: the header's, or the first row's.
    public var width: Int { header?.count ?? rows.first?.fields.count ?? 0 }

    /// Reads `text`. A `delimiter` or `header` of `nil` is detected (see `detectDelimiter` and
    /// `looksLikeHeader`); `names` are column names the lesson refers to, which mark a first
    /// line holding one of them as a header.
    public init(parsing text: String, delimiter: CSVDelimiter? = nil, header: Bool? = nil, names: [String] = []) {
        var lines: [(number: Int, text: Substring)] = []
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        // A Windows line break "\r\n" is one Character, a newline like "\n".
        for (offset, line) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.drop(while: \.isWhitespace)
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            lines.append((offset + 1, line))
        }
        let delimiter = delimiter ?? Self.detectDelimiter(lines.prefix(10).map(\.text))
        var rows = lines.map { Row(line: $0.number, fields: Self.fields(of: $0.text, delimiter: delimiter.character)) }
        let hasHeader = header ?? Self.looksLikeHeader(rows, delimiter: delimiter, names: names)
        self.delimiter = delimiter
        self.header = hasHeader && !rows.isEmpty ? rows.removeFirst().fields : nil
        self.rows = rows
    }

    /// The separator that splits every one of `lines` into the same number (two or more) of
    /// fields, tried in the order TAB, semicolon, comma (a semicolon file may write decimal
    /// commas); comma when none does.
    public static func detectDelimiter(_ lines: [Substring]) -> CSVDelimiter {
        for candidate in [CSVDelimiter.tab, .semicolon, .comma] {
            let counts = Set(lines.map { fields(of: $0, delimiter: candidate.character).count })
            if counts.count == 1, let count = counts.first, count >= 2 { return candidate }
        }
        return .comma
    }

    /// Whether the first row names the columns: it holds one of `names` and is not all numbers,
    /// or one of its fields is not a number where the next row's is.
    static func looksLikeHeader(_ rows: [Row], delimiter: CSVDelimiter, names: [String]) -> Bool {
        guard let first = rows.first else { return false }
        let isNumber = { (field: String) in CSVTable.number(field, delimiter: delimiter) != nil }
        if first.fields.allSatisfy(isNumber) { return false }
        if names.contains(where: first.fields.contains) { return true }
        guard rows.count > 1 else { return true }
        let second = rows[1].fields
        return zip(first.fields, second).contains { !isNumber($0) && isNumber($1) }
    }

    /// The fields of one line, split at `delimiter` outside double quotes, unquoted and trimmed.
    static func fields(of line: Substring, delimiter: Character) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var previous: Character?
        for character in line {
            defer { previous = character }
            if quoted {
                if character == "\"" { quoted = false } else { field.append(character) }
            } else if character == delimiter {
                fields.append(field.trimmingCharacters(in: .whitespaces))
                field = ""
            } else if character == "\"" {
                // A quote opens a quoted part; right after one that closed, it is a quote itself ("").
                if previous == "\"" { field.append("\"") }
                quoted = true
            } else {
                field.append(character)
            }
        }
        fields.append(field.trimmingCharacters(in: .whitespaces))
        return fields
    }

    /// `field` as a number: `3.5`, `-1e3`; with a semicolon or TAB separator also `3,5`.
    public static func number(_ field: String, delimiter: CSVDelimiter) -> Double? {
        if let value = Double(field) { return value }
        guard delimiter != .comma, field.filter({ $0 == "," }).count == 1, !field.contains(".") else { return nil }
        return Double(field.replacingOccurrences(of: ",", with: "."))
    }
}
