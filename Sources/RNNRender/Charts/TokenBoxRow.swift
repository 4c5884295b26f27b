/// A row of word boxes laid out by `TokenFlow` (wrapping onto further lines when long), each box
/// filled and outlined as the caller says, its word centred and, optionally, a value written
/// under the word. Box widths are measured for bold words, so styling a box never moves the others.
struct TokenBoxRow {
    /// How one box looks.
    struct Style {
        /// The fill (opaque; the text contrasts with it), or nil for an outline only.
        var fill: RGBColor?
        /// The outline, or nil for none.
        var border: RGBColor?
        /// A thick outline and bold word, for the box in focus.
        var emphasised = false
        /// The value written under the word (rows with a `valueSize`).
        var value: Double?
        /// An empty place for a word still to come: a dashed outline, no word.
        var placeholder = false
    }

    /// The words, already displayable.
    var tokens: [String]
    var fontSize: Double
    /// The size of the value under each word, or nil for boxes with words only.
    var valueSize: Double?
    /// The widest a line grows before the next box starts a new line.
    var maxWidth: Double
    static let lineGap: Double = 8

    /// A box's height: the word, and the value when there is one.
    var boxHeight: Double { fontSize * 2.2 + (valueSize.map { $0 + 4 } ?? 0) }

    /// The boxes' frames relative to the row's top left, and the row's size.
    struct Placement {
        var frames: [Rect]
        var width: Double
        var height: Double

        /// Box `k` when the row's top left is at (`x`, `y`).
        func box(_ k: Int, x: Double, y: Double) -> Rect {
            let f = frames[k]
            return Rect(x: x + f.x, y: y + f.y, width: f.width, height: f.height)
        }
    }

    /// Lays the boxes out.
    func place(_ canvas: Canvas) -> Placement {
        let minWidth = valueSize.map { canvas.textWidth("0.00", size: $0) + 20 } ?? boxHeight
        let flow = TokenFlow(fontSize: fontSize, bold: true, minWidth: minWidth, padding: 10, gap: 6, maxWidth: maxWidth)
        let placed = flow.place(canvas, tokens, boxHeight: boxHeight, lineHeight: boxHeight + Self.lineGap)
        return Placement(frames: placed.frames, width: placed.width,
                         height: Double(max(placed.lines, 1)) * (boxHeight + Self.lineGap) - Self.lineGap)
    }

    /// Draws the boxes of `placement` with the row's top left at (`x`, `y`), box `k` styled by `style(k)`.
    func draw(_ canvas: Canvas, _ placement: Placement, x: Double, y: Double, style: (Int) -> Style) {
        for k in tokens.indices {
            let box = placement.box(k, x: x, y: y)
            let look = style(k)
            if let fill = look.fill { canvas.fill(box, fill, radius: 4) }
            if let border = look.border {
                let width = look.emphasised ? 3.0 : 1
                canvas.stroke(box.inset(width / 2), border, width: width, radius: 4, dashed: look.placeholder)
            }
            guard !look.placeholder else { continue }
            let color = look.fill.map { canvas.contrastingText(on: $0) } ?? canvas.theme.text
            let wordY = valueSize == nil ? box.midY : box.minY + fontSize * 1.15
            canvas.fittedText(tokens[k], x: box.midX, y: wordY, maxWidth: box.width - 8, size: fontSize, color: color,
                              bold: true, align: .center, valign: .middle)
            if let valueSize, let value = look.value {
                canvas.text(Ticks.format(value, decimals: 2), x: box.midX, y: box.maxY - valueSize * 0.95, size: valueSize,
                            color: color, align: .center, valign: .middle)
            }
        }
    }
}
