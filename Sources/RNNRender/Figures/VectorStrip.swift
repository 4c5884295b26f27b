/// A labelled horizontal strip of coloured cells for one vector, values written when they fit.
struct VectorStrip {
    var label: String
    var values: [Float]
    var scale: ValueScale
    static let height: Double = 19
    static let labelSize: Double = 12

    /// The cell width for `count` values within `width`. Narrow cells (drawn without gaps) are whole
    /// points, so neighbours meet on pixel edges instead of showing antialiased seams.
    static func cellWidth(count: Int, width: Double) -> Double {
        let cell = Layout.clamp(width / Double(max(count, 1)), 3...40)
        return cell < 8 ? cell.rounded(.down) : cell
    }

    /// Draws the label right-aligned at `labelRight` and the cells from `x` (snapped to a whole
    /// point), centred on `y`.
    func draw(_ canvas: Canvas, labelRight: Double, x: Double, y: Double, cellWidth: Double) {
        let x = x.rounded()
        canvas.text(label, x: labelRight, y: y, size: Self.labelSize, color: canvas.theme.text, align: .right, valign: .middle)
        let gap = cellWidth >= 8 ? 1.0 : 0
        let written = canvas.textWidth("-0.00", size: 10) + 3 <= cellWidth - gap
        for (i, v) in values.enumerated() {
            let r = Rect(x: x + Double(i) * cellWidth, y: y - Self.height / 2, width: cellWidth - gap, height: Self.height)
            let fill = scale.color(Double(v))
            canvas.fill(r, fill)
            if written {
                canvas.text(Ticks.format(Double(v), decimals: 2), x: r.midX, y: r.midY, size: 10,
                            color: canvas.contrastingText(on: fill), align: .center, valign: .middle)
            }
        }
    }
}
