/// A figure made of a header above one line plot (loss, gradients, stock), as wide as the room
/// allows up to `plotSize` and as tall as the room leaves below the header.
struct PlotFigure: Figure {
    var header: Header
    var plot: LinePlot
    var plotSize = Size(width: 860, height: 420)
    var room: Size = PageSize.natural.room

    init(header: Header, plot: LinePlot, plotSize: Size = Size(width: 860, height: 420), room: Size = PageSize.natural.room) {
        self.header = header
        self.plot = plot
        self.plotSize = plotSize
        self.room = room
    }

    private func layout(_ canvas: Canvas) -> (header: Header, width: Double, plotHeight: Double) {
        let inner = room.width - 2 * Layout.margin
        let width = min(max(plotSize.width, min(header.preferredWidth(canvas), inner)), inner)
        let wrapped = header.wrapped(canvas, width: width)
        let plotHeight = min(plotSize.height, room.height - 2 * Layout.margin - wrapped.height)
        return (wrapped, width, max(plotHeight, 160))
    }

    func size(_ canvas: Canvas) throws -> Size {
        let (header, width, plotHeight) = layout(canvas)
        return Size(width: width + 2 * Layout.margin, height: header.height + plotHeight + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let (header, width, plotHeight) = layout(canvas)
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        plot.draw(canvas, in: Rect(x: Layout.margin, y: Layout.margin + header.height, width: width, height: plotHeight))
    }
}
