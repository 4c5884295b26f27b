/// A figure of a header above line plots side by side, in rows of `columns`, each with its own
/// title and an optional caption: two views of one quantity, or small multiples (one panel per
/// length of a sweep) that share their axes.
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

    static let titleSize: Double = 15
    static let captionSize: Double = 12

    private var rows: Int { (panels.count + columns - 1) / max(columns, 1) }
    private var usedColumns: Int { min(columns, panels.count) }
    private var captionLines: Int { panels.contains { $0.caption != nil } ? 1 : 0 }
    /// The height of a panel's title and caption above its plot.
    private var labelHeight: Double { Self.titleSize + 10 + Double(captionLines) * (Self.captionSize + 6) }

    private var contentWidth: Double {
        Double(usedColumns) * panelSize.width + Double(max(usedColumns - 1, 0)) * Layout.gap
    }

    private func layout(_ canvas: Canvas) -> (header: Header, width: Double) {
        header.fitted(canvas, contentWidth: contentWidth, maximum: max(contentWidth, 1000))
    }

    func size(_ canvas: Canvas) throws -> Size {
        let (header, width) = layout(canvas)
        let rowHeight = labelHeight + panelSize.height
        let height = Double(rows) * rowHeight + Double(max(rows - 1, 0)) * Layout.gap
        return Size(width: width + 2 * Layout.margin, height: header.height + height + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let (header, width) = layout(canvas)
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        let top = Layout.margin + header.height
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
                                  minSize: 9, color: canvas.theme.secondaryText)
            }
            y += Double(captionLines) * (Self.captionSize + 6)
            panel.plot.draw(canvas, in: Rect(x: x, y: y, width: panelSize.width, height: panelSize.height))
        }
    }
}
