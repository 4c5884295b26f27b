import Foundation

/// The numeric columns a regression lesson reads from its CSV file: the columns the network
/// reads and the target, each found by its header name or its 1-based number, with empty cells
/// treated as the lesson says (`missing`).
public struct SeriesTable: Sendable {
    /// The names of the columns read: the inputs in the lesson's order, then the target when it is
    /// not one of them. A column without a header name is called by its number ("column 3").
    public let names: [String]
    /// How many of `names` are inputs (the first ones).
    public let inputCount: Int
    /// The target's index in `names`.
    public let targetIndex: Int
    /// The rows in file order, one value per name.
    public let rows: [[Double]]

    /// Where a column reference of the lesson is written, for errors naming its key.
    public enum Reference: Sendable, Equatable {
        /// `data.columns[i]`.
        case column(Int)
        /// `data.target`.
        case target
    }

    /// A problem with a column reference of the lesson, or with the file's cells.
    public enum Problem: Error, Sendable, Equatable {
        /// The lesson names a column the file does not have; the message says what it has.
        case unknownColumn(Reference, String)
        /// A cell or line of the file is wrong; the message starts with its line.
        case badCell(String)
    }

    /// Reads the lesson's columns of `table` (the file `path`): `columns` (names or 1-based
    /// numbers; `nil` for every column of numbers), `target`, empty cells as `missing` says.
    ///
    /// - Throws: `Problem`.
    public init(_ table: CSVTable, path: String, columns: [String]?, target: String, missing: MissingValues) throws(Problem) {
        let width = table.width
        let positional = table.header == nil && columns.map { Self.namesInOrder($0, width: width) } == true
        func position(_ reference: String, _ place: Reference) throws(Problem) -> Int {
            if positional, let columns, let index = columns.firstIndex(of: reference) { return index }
            if let header = table.header {
                if let index = header.firstIndex(of: reference) { return index }
                if let index = header.firstIndex(where: { $0.caseInsensitiveCompare(reference) == .orderedSame }) { return index }
            }
            if let number = Int(reference), (1...width).contains(number) { return number - 1 }
            let names = table.header ?? (positional ? columns : nil)
            throw .unknownColumn(place, Self.describeColumns(names, width: width, path: path, missing: reference))
        }
        var inputs: [Int] = []
        if let columns {
            for (i, reference) in columns.enumerated() { inputs.append(try position(reference, .column(i))) }
        } else {
            inputs = Self.numericColumns(table)
        }
        let targetColumn = try position(target, .target)
        if columns == nil && inputs.isEmpty { inputs = [targetColumn] }
        var read = inputs
        if !read.contains(targetColumn) { read.append(targetColumn) }
        let names = read.map { table.header?[$0] ?? (positional ? columns![$0] : "column \($0 + 1)") }
        self.names = names
        inputCount = inputs.count
        targetIndex = read.firstIndex(of: targetColumn)!
        rows = try Self.values(of: table, columns: read, names: names, missing: missing)
    }

    /// Whether a headerless file's columns are named by the lesson in the file's order: as many
    /// names as the file has columns, none of them a number (the stock lesson).
    private static func namesInOrder(_ columns: [String], width: Int) -> Bool {
        columns.count == width && columns.allSatisfy { Int($0) == nil }
    }

    /// The columns whose first filled cell is a number.
    private static func numericColumns(_ table: CSVTable) -> [Int] {
        (0..<table.width).filter { column in
            let first = table.rows.lazy.compactMap { $0.fields.indices.contains(column) && !$0.fields[column].isEmpty ? $0.fields[column] : nil }.first
            return first.flatMap { CSVTable.number($0, delimiter: table.delimiter) } != nil
        }
    }

    /// "\"Price\" is not a column of x.csv; it has Open, High, Low (or give a column number 1 to 3)".
    private static func describeColumns(_ names: [String]?, width: Int, path: String, missing reference: String) -> String {
        let numbers = "a column number 1 to \(width)"
        guard let names else {
            return "\(Excerpt.quoted(reference)) is not a column of \(path), which has no header line naming its columns; expected \(numbers)"
        }
        return "\(Excerpt.quoted(reference)) is not a column of \(path); it has \(Excerpt.bare(names.joined(separator: ", "))) (or give \(numbers))"
    }

    /// The rows' values in `columns`, empty cells as `missing` says.
    private static func values(of table: CSVTable, columns: [Int], names: [String], missing: MissingValues) throws(Problem) -> [[Double]] {
        var rows: [[Double]] = []
        rows.reserveCapacity(table.rows.count)
        let width = table.width
        let label = { (i: Int) in names[i].hasPrefix("column ") ? names[i] : "column \(names[i]) (\(columns[i] + 1))" }
        for row in table.rows {
            guard row.fields.count <= width else {
                throw .badCell("\(row.line): \(row.fields.count) fields; expected \(width), as the \(table.header == nil ? "first line" : "header") has")
            }
            var values: [Double] = []
            values.reserveCapacity(columns.count)
            var skipped = false
            for (i, column) in columns.enumerated() {
                let field = column < row.fields.count ? row.fields[column] : ""
                if field.isEmpty {
                    switch missing {
                    case .error:
                        throw .badCell("\(row.line): \(label(i)) is empty; expected a number (or missing: skip or previous in the lesson)")
                    case .skip:
                        skipped = true
                    case .previous:
                        guard let previous = rows.last else {
                            throw .badCell("\(row.line): \(label(i)) is empty in the first row, which has no row before it; expected a number")
                        }
                        values.append(previous[i])
                    }
                    continue
                }
                guard let value = CSVTable.number(field, delimiter: table.delimiter), value.isFinite else {
                    throw .badCell("\(row.line): \(label(i)) is \(Excerpt.quoted(field)); expected a number")
                }
                values.append(value)
            }
            if !skipped { rows.append(values) }
        }
        return rows
    }
}
