import Foundation
import RNNTrace

/// One block of a worksheet drawn as a table: a bold title, the columns' names, then each row's
/// label (an equation, broken after its "=" when long) and its numbers right-aligned under them.
/// A turned block (an output over tokens) is drawn a line per token and a column per row.
struct WorkedTable {
    var block: WorkedBlock
    /// The columns shown (a block of units may show fewer than it holds).
    var shownColumns: Int

    static let titleSize: Double = 12
    static let textSize: Double = 10
    static let rowHeight: Double = 14
    static let titleHeight: Double = 19
    /// Labels wider than this break after their first "=".
    static let labelWidth: Double = 150
    static let columnGap: Double = 8
    /// The widest a title makes its table.
    static let widestTitle: Double = 320

    init(block: WorkedBlock, units: Int) {
        self.block = block
        shownColumns = block.columnsAreUnits ? min(units, block.columns.count) : block.columns.count
    }

    /// A number as its row writes it.
    static func format(_ value: Double, _ style: WorkedRow.NumberStyle) -> String {
        switch style {
        case .decimals(let decimals): Ticks.format(value, decimals: decimals)
        case .scientific: String(format: "%.1e", value)
        case .significant(let digits):
            value == 0 ? "0" : abs(value) >= 1e-3 ? String(format: "%.\(digits)g", value) : String(format: "%.\(digits - 1)e", value)
        }
    }

    /// The table as lines of cells: a heading line (column names), then a line per row (or per
    /// column of a turned block), each with its label lines, its numbers and whether they are traced.
    private struct Line {
        var label: [String]
        var numbers: [String]
        var bold: [Bool]
    }

    private var columnNames: [String] { block.columns.prefix(shownColumns).map(displayToken) }

    private func heading(_ canvas: Canvas) -> [String]? {
        if block.turned { return block.rows.map { $0.shortLabel ?? $0.label } }
        return block.columns.contains { !$0.isEmpty } ? columnNames : nil
    }

    private func lines(_ canvas: Canvas) -> [Line] {
        if block.turned {
            return columnNames.indices.map { k in
                Line(label: [columnNames[k]], numbers: block.rows.map { Self.format($0.values[k], $0.style) }, bold: block.rows.map(\.traced))
            }
        }
        return block.rows.map { row in
            Line(label: labelLines(canvas, row.label), numbers: row.values.prefix(shownColumns).map { Self.format($0, row.style) },
                 bold: Array(repeating: row.traced, count: min(row.values.count, shownColumns)))
        }
    }

    /// A label as one or two lines.
    private func labelLines(_ canvas: Canvas, _ label: String) -> [String] {
        guard canvas.textWidth(label, size: Self.textSize) > Self.labelWidth, let split = label.range(of: " = ") else { return [label] }
        return [String(label[..<split.lowerBound]) + " =", "   " + String(label[split.upperBound...])]
    }

    private var note: String? {
        guard block.columnsAreUnits, shownColumns < block.columns.count else { return block.note }
        return "units 0…\(shownColumns - 1) of those worked" + (block.note.map { "; \($0)" } ?? "")
    }

    /// The widths of the label column and of each number column.
    private func widths(_ canvas: Canvas) -> (label: Double, column: Double) {
        let all = lines(canvas)
        let label = all.flatMap(\.label).map { canvas.textWidth($0, size: Self.textSize) }.max() ?? 0
        let numbers = canvas.maxTextWidth(all.flatMap(\.numbers), size: Self.textSize, bold: true)
        let names = canvas.maxTextWidth(heading(canvas) ?? [], size: Self.textSize, bold: true)
        return (label, max(numbers, names) + Self.columnGap)
    }

    private var columnCount: Int { block.turned ? block.rows.count : shownColumns }

    func size(_ canvas: Canvas) -> Size {
        let (label, column) = widths(canvas)
        let lineCount = lines(canvas).map(\.label.count).reduce(0, +)
        let title = min(canvas.textWidth(block.title, size: Self.titleSize, bold: true), Self.widestTitle)
        return Size(width: max(label + Self.columnGap + Double(columnCount) * column, title),
                    height: Self.titleHeight + (heading(canvas) == nil ? 0 : Self.rowHeight) + Double(lineCount) * Self.rowHeight
                        + (note == nil ? 0 : Self.rowHeight) + 6)
    }

    /// Draws the table with its top left at (`x`, `y`).
    func draw(_ canvas: Canvas, x: Double, y: Double) {
        let theme = canvas.theme
        let (label, column) = widths(canvas)
        let width = size(canvas).width
        canvas.fittedText(block.title, x: x, y: y, maxWidth: width, size: Self.titleSize, minSize: Self.textSize, bold: true, valign: .top)
        var top = y + Self.titleHeight
        let numbersLeft = x + label + Self.columnGap
        func columnRight(_ k: Int) -> Double { numbersLeft + Double(k + 1) * column - Self.columnGap / 2 }
        if let heading = heading(canvas) {
            for (k, name) in heading.enumerated() {
                canvas.text(name, x: columnRight(k), y: top + Self.rowHeight / 2, size: Self.textSize, color: theme.secondaryText,
                            bold: true, align: .right, valign: .middle)
            }
            top += Self.rowHeight
        }
        for line in lines(canvas) {
            for (k, text) in line.label.enumerated() {
                canvas.text(text, x: x, y: top + (Double(k) + 0.5) * Self.rowHeight, size: Self.textSize,
                            color: line.bold.allSatisfy { $0 } && !block.turned ? theme.text : theme.secondaryText, valign: .middle)
            }
            let numbersY = top + (Double(line.label.count) - 0.5) * Self.rowHeight
            for (k, number) in line.numbers.enumerated() {
                canvas.text(number, x: columnRight(k), y: numbersY, size: Self.textSize, color: theme.text, bold: line.bold[k],
                            align: .right, valign: .middle)
            }
            top += Double(line.label.count) * Self.rowHeight
        }
        if let note {
            canvas.fittedText(note, x: x, y: top + Self.rowHeight / 2, maxWidth: width, size: Self.textSize, minSize: Self.textSize,
                              color: theme.secondaryText, valign: .middle)
        }
    }
}
