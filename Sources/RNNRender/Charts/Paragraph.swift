/// Text wrapped into lines no wider than a width, between words.
struct Paragraph {
    var text: String
    var size: Double
    var bold = false
    var italic = false

    /// The lines of the text at `width`.
    func lines(_ canvas: Canvas, width: Double) -> [String] {
        var lines: [String] = []
        for word in text.split(separator: " ").map(String.init) {
            if let last = lines.last, canvas.textWidth(last + " " + word, size: size, bold: bold, italic: italic) <= width {
                lines[lines.count - 1] = last + " " + word
            } else {
                lines.append(word)
            }
        }
        return lines
    }

    /// The spacing of lines.
    var lineHeight: Double { size * 1.35 }

    /// The height of the text at `width`.
    func height(_ canvas: Canvas, width: Double) -> Double { Double(lines(canvas, width: width).count) * lineHeight }

    /// Draws the text from its top left at (`x`, `y`), `width` wide; returns the height used.
    @discardableResult
    func draw(_ canvas: Canvas, x: Double, y: Double, width: Double, color: RGBColor? = nil) -> Double {
        let lines = lines(canvas, width: width)
        for (k, line) in lines.enumerated() {
            canvas.text(line, x: x, y: y + Double(k) * lineHeight, size: size, color: color, bold: bold, italic: italic, valign: .top)
        }
        return Double(lines.count) * lineHeight
    }
}
