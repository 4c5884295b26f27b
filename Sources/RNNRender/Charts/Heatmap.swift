/// A matrix drawn as coloured cells with row and column labels, values in cells when they fit,
/// and a colour bar. One component for hidden states, gates, cell states and attention.
struct Heatmap {
    /// A bold caption above the cells ("layer 1 · h_t"), or nil.
    var title: String?
    /// rows × columns values.
    var values: [[Double]]
    var rowLabels: [String]
    var columnLabels: [String]
    var scale: ValueScale
    var colorBarLabel: String
    var xAxisLabel: String?
    var yAxisLabel: String?
    var cellWidth: Double
    var cellHeight: Double
    var showColorBar = true
    /// The decimals of the values written into the cells (0 for counts).
    var valueDecimals = 2
    /// When column labels must be thinned, show time indices (0, 10, 20…) instead of tokens.
    var indicesWhenThinned = true
    /// Widen the columns (up to `maxLabelColumnWidth`) so every column label fits, rather than thinning them.
    var widenColumnsForLabels = false
    static let maxLabelColumnWidth: Double = 96
    /// Rows are numbered 0, 1, 2… (units): thinned row labels then show 0, 5, 10… rather than 0, 3, 6.
    var rowsAreUnitNumbers = false
    /// The index of the first column (a window of steps): thinned column labels show indices from it.
    var firstColumnIndex = 0
    /// Column labels written upwards, so that words fit over narrow columns (a question's words).
    var rotatedColumnLabels = false
    /// The widest the title may be drawn (it shrinks, then elides); nil leaves it as it is.
    var titleWidth: Double?

    static let labelSize: Double = 11
    /// The smallest value written into a cell; cells too small for it stay unwritten.
    static let smallestValueSize: Double = 10
    static let axisSize: Double = 12
    static let titleSize: Double = 13

    /// Cell sizes that fit `columns` into `availableWidth` and `rows` into about `maxHeight`.
    static func cellSize(columns: Int, rows: Int, availableWidth: Double, maxHeight: Double = 360)
        -> (width: Double, height: Double)
    {
        let width = Layout.clamp(availableWidth / Double(max(columns, 1)), 4...48)
        let height = Layout.clamp(maxHeight / Double(max(rows, 1)), 3...26)
        return (width, height)
    }

    /// The drawn column width: `cellWidth`, or wider so the labels fit when `widenColumnsForLabels`.
    private func columnWidth(_ canvas: Canvas) -> Double {
        guard widenColumnsForLabels else { return cellWidth }
        let widest = canvas.maxTextWidth(columnLabels, size: Self.labelSize) + 8
        return max(cellWidth, min(widest, Self.maxLabelColumnWidth))
    }

    private var rows: Int { values.count }
    private var columns: Int { values.first?.count ?? 0 }

    private func rowLabelWidth(_ canvas: Canvas) -> Double { canvas.maxTextWidth(rowLabels, size: Self.labelSize) + 6 }
    private var yAxisWidth: Double { yAxisLabel == nil ? 0 : Self.axisSize + 8 }
    private var titleHeight: Double { title == nil ? 0 : Self.titleSize + 8 }
    private func columnLabelHeight(_ canvas: Canvas) -> Double {
        rotatedColumnLabels ? min(canvas.maxTextWidth(columnLabels, size: Self.labelSize), Self.maxLabelColumnWidth) : Self.labelSize
    }
    private func bottomHeight(_ canvas: Canvas) -> Double {
        columnLabelHeight(canvas) + 8 + (xAxisLabel == nil ? 0 : Self.axisSize + 8)
    }
    var cellsHeight: Double { Double(rows) * cellHeight }

    /// The width of everything left of the cells (axis label and row labels).
    func leftWidth(_ canvas: Canvas) -> Double { yAxisWidth + rowLabelWidth(canvas) }

    /// The block's total size.
    func size(_ canvas: Canvas) -> Size {
        let bar = showColorBar ? Layout.gap + ColorBar(scale: scale, label: colorBarLabel).width(canvas, height: cellsHeight) : 0
        let cellsWidth = Double(columns) * columnWidth(canvas)
        let headerWidth = title.map { min(canvas.textWidth($0, size: Self.titleSize, bold: true), titleWidth ?? .infinity) } ?? 0
        return Size(width: max(leftWidth(canvas) + cellsWidth + bar, headerWidth),
                    height: titleHeight + cellsHeight + bottomHeight(canvas))
    }

    /// Draws the block with its top left corner at (`x`, `y`).
    func draw(_ canvas: Canvas, x: Double, y: Double) throws {
        let theme = canvas.theme
        if let title {
            canvas.fittedText(title, x: x, y: y, maxWidth: titleWidth ?? .infinity, size: Self.titleSize,
                              minSize: Self.smallestValueSize, bold: true, valign: .top)
        }
        let left = x + leftWidth(canvas), top = y + titleHeight
        let cellWidth = columnWidth(canvas)
        let cellsWidth = Double(columns) * cellWidth
        let gap = cellWidth >= 8 && cellHeight >= 8 ? 1.0 : 0
        let valueSize = min(12, cellHeight * 0.55)
        let widestValue = valueDecimals == 0 ? "-000" : "-0." + String(repeating: "0", count: valueDecimals)
        let showValues = valueSize >= Self.smallestValueSize && canvas.textWidth(widestValue, size: valueSize) + 4 <= cellWidth - gap
        for (r, row) in values.enumerated() {
            for (c, value) in row.enumerated() {
                let color = value.isFinite ? scale.color(value) : theme.grid
                let cell = Rect(x: left + Double(c) * cellWidth, y: top + Double(r) * cellHeight,
                                width: cellWidth - gap, height: cellHeight - gap)
                canvas.fill(cell, color)
                if showValues, value.isFinite {
                    canvas.text(Ticks.format(value, decimals: valueDecimals), x: cell.midX, y: cell.midY, size: valueSize,
                                color: canvas.contrastingText(on: color), align: .center, valign: .middle)
                }
            }
        }
        // Row labels, thinned when rows are too thin for text.
        let shownRows: [Int]
        if rowsAreUnitNumbers {
            let spacing = Layout.labelSpacing(labelWidth: Self.labelSize, spacing: cellHeight, padding: 2)
            shownRows = Layout.roundNumberedLabels(count: rowLabels.count, labelSpacing: spacing)
        } else {
            let rowStride = Layout.labelStride(labelWidth: Self.labelSize, spacing: cellHeight, padding: 2)
            shownRows = Array(stride(from: 0, to: rowLabels.count, by: rowStride))
        }
        for r in shownRows {
            let label = rowLabels[r]
            canvas.text(label, x: left - 6, y: top + (Double(r) + 0.5) * cellHeight - gap / 2, size: Self.labelSize,
                        color: theme.secondaryText, align: .right, valign: .middle)
        }
        // Column labels, thinned so they never collide (upwards when rotated: thinned by their height).
        var labels = columnLabels
        let labelExtent = { (labels: [String]) in
            self.rotatedColumnLabels ? Self.labelSize : canvas.maxTextWidth(labels, size: Self.labelSize)
        }
        var columnStride = Layout.labelStride(labelWidth: labelExtent(labels), spacing: cellWidth)
        if columnStride > 1, indicesWhenThinned {
            labels = labels.indices.map { String(firstColumnIndex + $0) }
            columnStride = Layout.labelStride(labelWidth: labelExtent(labels), spacing: cellWidth)
        }
        let labelY = top + cellsHeight + 4
        for (c, label) in labels.enumerated() where (firstColumnIndex + c) % columnStride == 0 || columnStride == 1 {
            let cx = left + (Double(c) + 0.5) * cellWidth - gap / 2
            if columnStride > 1 { canvas.line(cx, labelY - 3, cx, labelY - 1, theme.axis) }
            if rotatedColumnLabels {
                let fitted = canvas.fit(label, maxWidth: Self.maxLabelColumnWidth, size: Self.labelSize, minSize: Self.labelSize)
                canvas.text(fitted.text, x: cx, y: labelY, size: Self.labelSize, color: theme.text, align: .right,
                            valign: .middle, angle: -Double.pi / 2)
            } else {
                canvas.text(label, x: cx, y: labelY, size: Self.labelSize, color: theme.text, align: .center, valign: .top)
            }
        }
        let axisY = labelY + columnLabelHeight(canvas) + 8
        if let xAxisLabel {
            canvas.text(xAxisLabel, x: left + cellsWidth / 2, y: axisY, size: Self.axisSize,
                        color: theme.secondaryText, align: .center, valign: .top)
        }
        if let yAxisLabel {
            let fitted = canvas.fit(yAxisLabel, maxWidth: max(cellsHeight, 40), size: Self.axisSize, minSize: Self.smallestValueSize)
            canvas.text(fitted.text, x: x + Self.axisSize * 0.5, y: top + cellsHeight / 2, size: fitted.size,
                        color: theme.secondaryText, align: .center, valign: .middle, angle: -Double.pi / 2)
        }
        if showColorBar {
            try ColorBar(scale: scale, label: colorBarLabel)
                .draw(canvas, x: left + cellsWidth + Layout.gap, y: top, height: max(cellsHeight, 24))
        }
    }
}
