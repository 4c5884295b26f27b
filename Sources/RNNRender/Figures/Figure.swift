/// A figure: measures its size first, then draws into a canvas of that size.
protocol Figure: Sendable {
    /// The logical size in points, measured with `canvas` (text widths), margins included.
    func size(_ canvas: Canvas) throws -> Size
    /// Draws the figure into `canvas` of the measured `size`.
    func draw(_ canvas: Canvas, size: Size) throws
}

extension Figure {
    /// Measures, then draws to bytes: as large as the figure (`natural`) or scaled onto `page`.
    func render(format: OutputFormat, scale: Double, page: PageSize = .natural) throws -> [UInt8] {
        try render(format: format, scale: scale, page: page) { _ in }
    }

    /// Draws to bytes, then hands the canvas to `inspect` (tests read what was drawn from it).
    func render(format: OutputFormat, scale: Double, page: PageSize, inspect: (Canvas) -> Void) throws -> [UInt8] {
        let measured = try size(try Document.measuringCanvas())
        let content = Size(width: measured.width.rounded(.up), height: measured.height.rounded(.up))
        guard let paper = page.points else {
            return try Document.render(width: content.width, height: content.height, format: format, scale: scale) { canvas in
                try draw(canvas, size: measured)
                inspect(canvas)
            }
        }
        let fit = PageFit(content: content, page: Size(width: paper.width, height: paper.height))
        return try Document.render(width: paper.width, height: paper.height, format: format, scale: scale) { canvas in
            try canvas.transformed(x: fit.x, y: fit.y, scale: fit.scale) { try draw(canvas, size: measured) }
            inspect(canvas)
        }
    }

    /// The pixels of the figure on `page` (a page size: frames of an animation share one size) at
    /// `scale` pixels per point: the same pixels as its PNG.
    func pixels(scale: Double, page: PageSize) throws -> DecodedImage {
        let paper = page.points ?? PageSize.widescreen.points!
        let measured = try size(try Document.measuringCanvas())
        let content = Size(width: measured.width.rounded(.up), height: measured.height.rounded(.up))
        let fit = PageFit(content: content, page: Size(width: paper.width, height: paper.height))
        return try Document.pixels(width: paper.width, height: paper.height, scale: scale) { canvas in
            try canvas.transformed(x: fit.x, y: fit.y, scale: fit.scale) { try draw(canvas, size: measured) }
        }
    }

    /// Draws the figure into `rect` of `canvas`, scaled to fit and centred (a figure on a handout page).
    func draw(_ canvas: Canvas, in rect: Rect) throws {
        let measured = try size(canvas)
        let fit = PageFit(content: measured, page: Size(width: rect.width, height: rect.height))
        try canvas.transformed(x: rect.x + fit.x, y: rect.y + fit.y, scale: fit.scale) { try draw(canvas, size: measured) }
    }
}

/// A figure made of a header above a vertical stack of heatmap blocks (hidden, gates, attention).
/// The figure is as wide as its blocks (or its header up to `Header.maxPreferredWidth`, wrapping
/// longer subtitles); blocks narrower than the figure are centred as a group.
struct HeatmapStackFigure: Figure {
    var header: Header
    var blocks: [Heatmap]

    private func left(_ canvas: Canvas) -> Double { blocks.map { $0.leftWidth(canvas) }.max() ?? 0 }

    private func contentWidth(_ canvas: Canvas) -> Double {
        let left = left(canvas)
        return blocks.map { left - $0.leftWidth(canvas) + $0.size(canvas).width }.max() ?? 0
    }

    private func layout(_ canvas: Canvas) -> (header: Header, width: Double) {
        header.fitted(canvas, contentWidth: contentWidth(canvas))
    }

    func size(_ canvas: Canvas) throws -> Size {
        let (header, width) = layout(canvas)
        let height = blocks.map { $0.size(canvas).height }.reduce(0, +) + Double(max(blocks.count - 1, 0)) * Layout.gap
        return Size(width: width + 2 * Layout.margin, height: header.height + height + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let (header, width) = layout(canvas)
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        var y = Layout.margin + header.height
        // Align the cells of every block on one left edge; centre the group.
        let left = left(canvas)
        let x = Layout.margin + max(0, (width - contentWidth(canvas)) / 2)
        for block in blocks {
            try block.draw(canvas, x: x + left - block.leftWidth(canvas), y: y)
            y += block.size(canvas).height + Layout.gap
        }
    }
}
