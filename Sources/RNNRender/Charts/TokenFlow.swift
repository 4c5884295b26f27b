/// Lays a row of token boxes out left to right, each box as wide as its text (at least
/// `minWidth`), wrapping onto further lines when the row would grow wider than `maxWidth`.
/// One component for every figure that writes words in boxes (predictions, activations).
struct TokenFlow {
    /// The text size the boxes are measured for.
    var fontSize: Double
    var bold = false
    /// The narrowest box (one character boxes keep this width, so character rows stay a grid).
    var minWidth: Double
    /// Room left and right of the text inside a box.
    var padding: Double = 5
    /// The horizontal gap between boxes.
    var gap: Double = 0
    /// The widest a line may grow before the next box starts a new line.
    var maxWidth: Double

    /// A laid-out row: each box's frame relative to the row's top left, its line count and used width.
    struct Placement {
        var frames: [Rect]
        var lines: Int
        var width: Double
    }

    /// The width of the box for `token` (already displayable).
    func boxWidth(_ canvas: Canvas, _ token: String) -> Double {
        max(minWidth, canvas.textWidth(token, size: fontSize, bold: bold) + 2 * padding)
    }

    /// Places `tokens` in lines `lineHeight` apart, boxes `boxHeight` tall.
    func place(_ canvas: Canvas, _ tokens: [String], boxHeight: Double, lineHeight: Double) -> Placement {
        var frames: [Rect] = []
        var x = 0.0, line = 0, used = 0.0
        for token in tokens {
            let width = min(boxWidth(canvas, token), maxWidth)
            if x > 0, x + width > maxWidth { x = 0; line += 1 }
            frames.append(Rect(x: x, y: Double(line) * lineHeight, width: width, height: boxHeight))
            used = max(used, x + width)
            x += width + gap
        }
        return Placement(frames: frames, lines: tokens.isEmpty ? 0 : line + 1, width: used)
    }
}
