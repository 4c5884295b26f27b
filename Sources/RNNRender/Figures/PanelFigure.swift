/// A figure of a header above line plots side by side, in rows of `columns`, each with its own
/// title and an optional caption: two views of one quantity, or small multiples (one panel per
/// length of a sweep) that share their axes. Panels shrink from `panelSize` to fit the room.
struct PanelFigure: Figure {
    /// One plot with its title and caption.
    struct Panel {
        var title: String
        var caption: String?
        var plot: LinePlot
    }

    var header: Header
    var panels: [Panel]
    var columns: Int
    var panelSize = Size(width: 620, height: 400)
    var room: Size = PageSize.natural.room

    static let titleSize: Double = 15
    static let captionSize: Double = 12

    init(header: Header, panels: [Panel], columns: Int, panelSize: Size = Size(width: 620, height: 400),
         room: Size = PageSize.natural.room) {
        self.header = header
        self.panels = panels
        self.columns = columns
        self.panelSize = panelSize
        self.room = room
    }

    private var rows: Int { (panels.count + columns - 1) / max(columns, 1) }
    private var usedColumns: Int { min(columns, panels.count) }
    private var captionLines: Int { panels.contains { $0.caption != nil } ? 1 : 0 }
    /// The height of a panel's title and caption above its plot.
    private var labelHeight: Double { Self.titleSize + 10 + Double(captionLines) * (Self.captionSize + 6) }

    /// The panels' size in the room: `panelSize`, narrower or lower where the room is smaller.
    private func fitted(_ canvas: Canvas) -> (header: Header, panel: Size, width: Double) {
        let inner = room.width - 2 * Layout.margin
        let columnsWidth = Double(usedColumns)
        let panelWidth = min(panelSize.width, (inner - (columnsWidth - 1) * Layout.gap) / columnsWidth)
        let contentWidth = columnsWidth * panelWidth + (columnsWidth - 1) * Layout.gap
        let (header, width) = header.fitted(canvas, contentWidth: contentWidth, maximum: max(contentWidth, min(1000, inner)))
        let rowsHeight = room.height - 2 * Layout.margin - header.height - Double(max(rows - 1, 0)) * Layout.gap
        let panelHeight = min(panelSize.height, rowsHeight / Double(max(rows, 1)) - labelHeight)
        return (header, Size(width: panelWidth, height: max(panelHeight, 120)), width)
    }

    func size(_ canvas: Canvas) throws -> Size {
        let (header, panel, width) = fitted(canvas)
        let rowHeight = labelHeight + panel.height
        let height = Double(rows) * rowHeight + Double(max(rows - 1, 0)) * Layout.gap
        return Size(width: width + 2 * Layout.margin, height: header.height + height + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let (header, panelSize, width) = fitted(canvas)
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        let top = Layout.margin + header.height
        let contentWidth = Double(usedColumns) * panelSize.width + Double(max(usedColumns - 1, 0)) * Layout.gap
        let left = Layout.margin + max(0, (width - contentWidth) / 2)
        for (index, panel) in panels.enumerated() {
            let column = index % columns, row = index / columns
            let x = left + Double(column) * (panelSize.width + Layout.gap)
            var y = top + Double(row) * (labelHeight + panelSize.height + Layout.gap)
            canvas.fittedText(panel.title, x: x, y: y + Self.titleSize, maxWidth: panelSize.width, size: Self.titleSize,
                              minSize: 11, bold: true)
            y += Self.titleSize + 10
            if let caption = panel.caption {
                canvas.fittedText(caption, x: x, y: y + Self.captionSize, maxWidth: panelSize.width, size: Self.captionSize,
                                  minSize: 10, color: canvas.theme.secondaryText)
            }
            y += Double(captionLines) * (Self.captionSize + 6)
            panel.plot.draw(canvas, in: Rect(x: x, y: y, width: panelSize.width, height: panelSize.height))
        }
    }
}
