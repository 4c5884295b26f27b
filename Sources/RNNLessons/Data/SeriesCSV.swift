import Foundation

/// Numeric columns read from a CSV file, one row per line.
///
/// Lines that are blank or start with `#` are skipped (the stock file names its columns in such
/// a comment). A first line that is not all numbers is a header: columns are then picked by
/// name. Without a header, every row must have exactly the lesson's columns, in that order.
public struct SeriesCSV: Sendable {
    /// The column names, as the lesson lists them.
    public let names: [String]
    /// The rows in file order, each with one value per name.
    public let rows: [[Double]]

    /// Reads the columns `names` of the CSV file at `url`.
    ///
    /// - Throws: `LessonError` naming `file:line` and what was expected there.
    public init(contentsOf url: URL, columns names: [String]) throws {
        let display = LessonFile.displayPath(url)
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw LessonError("\(display): no such file")
        }
        guard let text = String(data: bytes, encoding: .utf8) else { throw LessonError("\(display): not UTF-8 text") }
        try self.init(parsing: text, path: display, columns: names)
    }

    /// Reads the columns `names` of CSV `text`; `path` names it in errors.
    public init(parsing text: String, path: String, columns names: [String]) throws {
        self.names = names
        var positions: [Int]?
        var width = names.count
        var rows: [[Double]] = []
        let expected = "\(names.count) numbers (\(names.joined(separator: ", ")))"
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let number = offset + 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if positions == nil, fields.contains(where: { Double($0) == nil }) {
                positions = try names.map { name in
                    guard let index = fields.firstIndex(of: name) else {
                        throw LessonError(
                            "\(path):\(number): the header has no column \(Excerpt.quoted(name)); it has \(Excerpt.bare(fields.joined(separator: ", ")))")
                    }
                    return index
                }
                width = fields.count
                continue
            }
            let columns = positions ?? Array(names.indices)
            positions = columns
            guard fields.count == width else {
                throw LessonError("\(path):\(number): expected \(expected), found \(fields.count) fields")
            }
            var row: [Double] = []
            row.reserveCapacity(columns.count)
            for (name, index) in zip(names, columns) {
                guard let value = Double(fields[index]), value.isFinite else {
                    throw LessonError("\(path):\(number): \(name) is \(Excerpt.quoted(fields[index])); expected \(expected)")
                }
                row.append(value)
            }
            rows.append(row)
        }
        guard !rows.isEmpty else { throw LessonError("\(path): no rows; expected lines of \(expected)") }
        self.rows = rows
    }
}
