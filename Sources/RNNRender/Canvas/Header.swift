/// A figure's title with one or more subtitle lines, left aligned at the margin.
struct Header {
    var title: String
    var subtitles: [String]
    static let titleSize: Double = 20
    static let subtitleSize: Double = 13

    /// The height the header takes, including the gap below it.
    var height: Double { 8 + Self.titleSize + Double(subtitles.count) * (Self.subtitleSize + 6) + 14 }

    /// The width the header would like (its longest line).
    func preferredWidth(_ canvas: Canvas) -> Double {
        max(canvas.textWidth(title, size: Self.titleSize, bold: true), canvas.maxTextWidth(subtitles, size: Self.subtitleSize))
    }

    /// Draws the header in the band from `x` of `width` starting at `y`; long lines shrink or elide.
    func draw(_ canvas: Canvas, x: Double, y: Double, width: Double) {
        var baseline = y + 4 + Self.titleSize
        canvas.fittedText(title, x: x, y: baseline, maxWidth: width, size: Self.titleSize, minSize: 14, bold: true)
        for line in subtitles {
            baseline += Self.subtitleSize + 6
            canvas.fittedText(line, x: x, y: baseline, maxWidth: width, size: Self.subtitleSize, minSize: 10,
                              color: canvas.theme.secondaryText)
        }
    }
}
