/// A figure's title with one or more subtitle lines, left aligned at the margin.
struct Header {
    var title: String
    var subtitles: [String]
    static let titleSize: Double = 20
    static let subtitleSize: Double = 13
    /// The widest a figure sized by its content grows just so its header fits on one line per
    /// subtitle; longer subtitles wrap, so a small drawing does not sit in a wide empty figure.
    static let maxPreferredWidth: Double = 640

    /// The height the header takes, including the gap below it.
    var height: Double { 8 + Self.titleSize + Double(subtitles.count) * (Self.subtitleSize + 6) + 14 }

    /// The width the header would like (its longest line).
    func preferredWidth(_ canvas: Canvas) -> Double {
        max(canvas.textWidth(title, size: Self.titleSize, bold: true), canvas.maxTextWidth(subtitles, size: Self.subtitleSize))
    }

    /// The header with each subtitle wider than `width` broken onto several lines: first between
    /// its " · " parts, then between words. The title is left alone (it shrinks when drawn).
    func wrapped(_ canvas: Canvas, width: Double) -> Header {
        func fits(_ line: String) -> Bool { canvas.textWidth(line, size: Self.subtitleSize) <= width }
        /// Greedily packs `pieces` joined by `separator` into lines that fit.
        func pack(_ pieces: [String], separator: String) -> [String] {
            var lines: [String] = []
            for piece in pieces {
                if let last = lines.last, fits(last + separator + piece) {
                    lines[lines.count - 1] = last + separator + piece
                } else {
                    lines.append(piece)
                }
            }
            return lines
        }
        var lines: [String] = []
        for subtitle in subtitles {
            guard !fits(subtitle) else { lines.append(subtitle); continue }
            for part in pack(subtitle.components(separatedBy: " · "), separator: " · ") {
                lines += fits(part) ? [part] : pack(part.split(separator: " ").map(String.init), separator: " ")
            }
        }
        return Header(title: title, subtitles: lines)
    }

    /// The inner width of a figure whose content is `contentWidth` wide — at least `minimum`, widened
    /// for the header up to `maximum` — and the header wrapped to that width.
    func fitted(_ canvas: Canvas, contentWidth: Double, minimum: Double = 480, maximum: Double = Header.maxPreferredWidth)
        -> (header: Header, width: Double)
    {
        let width = max(contentWidth, min(preferredWidth(canvas), maximum), minimum)
        return (wrapped(canvas, width: width), width)
    }

    /// The inner width of a figure laid out for a room `roomWidth` wide whose content is
    /// `contentWidth` wide — widened for the header up to the room — and the header wrapped to it,
    /// so that it wraps no more than it would across the whole room.
    func fitted(_ canvas: Canvas, contentWidth: Double, roomWidth: Double) -> (header: Header, width: Double) {
        let width = max(contentWidth, min(preferredWidth(canvas), roomWidth), 480)
        return (wrapped(canvas, width: width), width)
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
