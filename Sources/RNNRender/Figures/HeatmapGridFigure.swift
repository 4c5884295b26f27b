/// A figure of a header above heatmap blocks laid out in rows of `columns`, each row as tall as
/// its tallest block: several matrices of different sizes side by side (the attention of answers
/// of growing length).
struct HeatmapGridFigure: Figure {
    var header: Header
    var blocks: [Heatmap]
    var columns: Int
    var room: Size = PageSize.natural.room

    private var rows: [[Heatmap]] {
        stride(from: 0, to: blocks.count, by: max(columns, 1)).map { Array(blocks[$0..<min($0 + columns, blocks.count)]) }
    }

    private func rowWidth(_ row: [Heatmap], _ canvas: Canvas) -> Double {
        row.map { $0.size(canvas).width }.reduce(0, +) + Double(max(row.count - 1, 0)) * Layout.gap * 2
    }

    private func layout(_ canvas: Canvas) -> (header: Header, width: Double) {
        let content = rows.map { rowWidth($0, canvas) }.max() ?? 0
        return header.fitted(canvas, contentWidth: content, roomWidth: room.width - 2 * Layout.margin)
    }

    func size(_ canvas: Canvas) throws -> Size {
        let (header, width) = layout(canvas)
        let heights = rows.map { row in row.map { $0.size(canvas).height }.max() ?? 0 }
        let height = heights.reduce(0, +) + Double(max(heights.count - 1, 0)) * Layout.gap * 1.5
        return Size(width: width + 2 * Layout.margin, height: header.height + height + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let (header, width) = layout(canvas)
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        var y = Layout.margin + header.height
        for row in rows {
            var x = Layout.margin + max(0, (width - rowWidth(row, canvas)) / 2)
            for block in row {
                try block.draw(canvas, x: x, y: y)
                x += block.size(canvas).width + Layout.gap * 2
            }
            y += (row.map { $0.size(canvas).height }.max() ?? 0) + Layout.gap * 1.5
        }
    }
}
