import RNNTrace

/// Units × time heatmaps in a grid — a row per layer, a column per quantity (h and c, or each
/// gate) — laid out for a room: one colour bar per scale at the right, shared by the blocks; a
/// large layer summarised to the units whose values vary most; a long input shown as a window of
/// steps around the chosen one. The summary and the window are written in the header.
struct TimeHeatmapFigure: Figure {
    /// One heatmap: every unit at every step of the trace.
    struct Block {
        var title: String
        /// units × steps.
        var values: [[Double]]
        var scale: ValueScale
        var colorBarLabel: String
    }

    /// The blocks of one layer, and the values (units × steps) its units are ranked by.
    struct Row {
        var blocks: [Block]
        var ranking: [[Double]]
    }

    let trace: LessonTrace
    let headline: String
    /// What the colours mean and what is left out, before the summary and window notes.
    let key: [String]
    let rows: [Row]
    let room: Size
    /// The step a window of a long input is centred on (the last step when nil).
    var focus: Int?

    static let minimumCellWidth: Double = 5
    static let minimumCellHeight: Double = 4
    static let maximumCellWidth: Double = 48
    static let maximumCellHeight: Double = 40
    private static let columnGap = Layout.gap * 1.5

    /// Everything placed: the header, the window, each row's units and the blocks.
    private struct Placement {
        var header: Header
        var window: StepWindow
        var selections: [UnitSelection]
        var blocks: [[Heatmap]]
        var bars: [ColorBar]
        var barWidth: Double
        var width: Double
        var height: Double
    }

    /// The distinct colour bars, in the order the blocks first use them.
    private var colorBars: [ColorBar] {
        var bars: [ColorBar] = []
        for block in rows.flatMap(\.blocks) where !bars.contains(where: { $0.scale.range == block.scale.range && $0.scale.map == block.scale.map }) {
            bars.append(ColorBar(scale: block.scale, label: block.colorBarLabel))
        }
        return bars
    }

    private var columns: Int { rows.map(\.blocks.count).max() ?? 1 }

    private func placement(_ canvas: Canvas) -> Placement {
        var notes: [String] = []
        var placed = place(canvas, header: makeHeader(canvas, notes: notes))
        notes = [placed.selections.compactMap(\.note).first.map { $0 + (rows.count > 1 ? " per layer" : "") },
                 placed.window.note].compactMap { $0 }
        if !notes.isEmpty { placed = place(canvas, header: makeHeader(canvas, notes: notes)) }
        return placed
    }

    private func makeHeader(_ canvas: Canvas, notes: [String]) -> Header {
        let parts = key + notes
        return trace.header(headline, key: parts.isEmpty ? nil : parts.joined(separator: " · "))
            .wrapped(canvas, width: room.width - 2 * Layout.margin)
    }

    private func place(_ canvas: Canvas, header: Header) -> Placement {
        let innerWidth = room.width - 2 * Layout.margin
        let innerHeight = room.height - 2 * Layout.margin - header.height
        let bars = colorBars
        let barHeight = min(200, (innerHeight - Double(bars.count - 1) * Layout.gap) / Double(max(bars.count, 1)) - 10)
        let barWidth = bars.map { $0.width(canvas, height: barHeight) }.max() ?? 0
        let columns = Double(columns), rowCount = Double(rows.count)
        let blockWidth = (innerWidth - barWidth - Layout.gap - (columns - 1) * Self.columnGap) / columns
        let xAxis = Heatmap.axisSize + 8
        let blockHeight = (innerHeight - xAxis - (rowCount - 1) * Layout.gap) / rowCount
        // Every block of a row has its rows labelled with unit numbers up to the layer's width.
        let widestUnit = canvas.textWidth(String(max((rows.first?.ranking.count ?? 1) - 1, 0)), size: Heatmap.labelSize) + 6
        let cellsWidth = blockWidth - (Heatmap.axisSize + 8) - widestUnit
        let cellsHeight = blockHeight - (Heatmap.titleSize + 8) - (Heatmap.labelSize + 8)
        let window = StepWindow.around(focus, total: trace.steps.count, limit: Int(cellsWidth / Self.minimumCellWidth))
        let cellWidth = min(Self.maximumCellWidth, cellsWidth / Double(max(window.range.count, 1)))
        var selections: [UnitSelection] = [], blocks: [[Heatmap]] = []
        for (r, row) in rows.enumerated() {
            let selection = UnitSelection.byVariance(
                row.ranking.map { Array($0[window.range]) }, limit: Int(cellsHeight / Self.minimumCellHeight))
            selections.append(selection)
            let cellHeight = min(Self.maximumCellHeight, cellsHeight / Double(max(selection.units.count, 1)), max(cellWidth, 14))
            blocks.append(row.blocks.enumerated().map { column, block in
                var heatmap = Heatmap(
                    title: block.title, values: selection.rows(block.values).map { Array($0[window.range]) },
                    rowLabels: selection.units.map(String.init), columnLabels: Array(trace.tokenLabels[window.range]),
                    scale: block.scale, colorBarLabel: block.colorBarLabel,
                    xAxisLabel: r == rows.count - 1 && column == 0 ? "input token at each time step (time →)" : nil,
                    yAxisLabel: "unit", cellWidth: cellWidth, cellHeight: cellHeight, showColorBar: false,
                    rowsAreUnitNumbers: !selection.isSummary)
                heatmap.firstColumnIndex = window.range.lowerBound
                heatmap.titleWidth = blockWidth
                return heatmap
            })
        }
        let usedWidth = (blocks.map { row in
            row.map { $0.size(canvas).width }.reduce(0, +) + Double(max(row.count - 1, 0)) * Self.columnGap
        }.max() ?? 0) + Layout.gap + barWidth
        let usedHeight = blocks.map { row in row.map { $0.size(canvas).height }.max() ?? 0 }.reduce(0, +)
            + (rowCount - 1) * Layout.gap
        return Placement(
            header: header, window: window, selections: selections, blocks: blocks, bars: bars, barWidth: barWidth,
            width: max(usedWidth, min(header.preferredWidth(canvas), innerWidth), 480), height: header.height + usedHeight)
    }

    /// The header as drawn, with the summary and window notes.
    func header(_ canvas: Canvas) -> Header { placement(canvas).header }

    func size(_ canvas: Canvas) throws -> Size {
        let p = placement(canvas)
        return Size(width: p.width + 2 * Layout.margin, height: p.height + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let p = placement(canvas)
        p.header.draw(canvas, x: Layout.margin, y: Layout.margin, width: p.width)
        let top = Layout.margin + p.header.height
        var y = top
        var right = Layout.margin
        for row in p.blocks {
            var x = Layout.margin
            for block in row {
                try block.draw(canvas, x: x, y: y)
                x += block.size(canvas).width + Self.columnGap
            }
            right = max(right, x - Self.columnGap)
            y += (row.map { $0.size(canvas).height }.max() ?? 0) + Layout.gap
        }
        // The colour bars stacked at the right, level with the first row's cells.
        var barY = top + Heatmap.titleSize + 8
        let available = y - Layout.gap - barY - 30
        let barHeight = min(200, (available - Double(p.bars.count - 1) * (Layout.gap + 10)) / Double(max(p.bars.count, 1)))
        for bar in p.bars {
            try bar.draw(canvas, x: right + Layout.gap, y: barY, height: max(barHeight, 60))
            barY += max(barHeight, 60) + Layout.gap + 10
        }
    }
}
