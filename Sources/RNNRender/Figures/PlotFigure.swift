/// A figure made of a header above one line plot (loss, gradients, stock).
struct PlotFigure: Figure {
    var header: Header
    var plot: LinePlot
    var plotSize = Size(width: 860, height: 420)

    func size(_ canvas: Canvas) throws -> Size {
        let width = max(plotSize.width, min(header.preferredWidth(canvas), 1000))
        return Size(width: width + 2 * Layout.margin, height: header.height + plotSize.height + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let width = size.width - 2 * Layout.margin
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        plot.draw(canvas, in: Rect(x: Layout.margin, y: Layout.margin + header.height, width: width,
                                   height: plotSize.height))
    }
}
