/// A vertical colour bar: a smooth gradient (one linear pattern), ticks with values, and a label.
struct ColorBar {
    var scale: ValueScale
    var label: String
    /// The gradient's width.
    static let barWidth: Double = 14
    static let fontSize: Double = 11

    private func ticks(height: Double) -> [Double] {
        let lo = scale.range.lowerBound, hi = scale.range.upperBound
        if height < 70 { return [lo, (lo + hi) / 2, hi] }
        if lo == -1, hi == 1 { return [-1, -0.5, 0, 0.5, 1] }
        if lo == 0, hi == 1 { return [0, 0.25, 0.5, 0.75, 1] }
        return Ticks.nice(lo, hi, count: 5)
    }

    /// The width the bar, its tick labels and its rotated label need.
    func width(_ canvas: Canvas, height: Double) -> Double {
        let t = ticks(height: height)
        let labels = t.map { Ticks.label($0, among: t) }
        return Self.barWidth + 5 + canvas.maxTextWidth(labels, size: Self.fontSize) + 8 + Self.fontSize * 1.3
    }

    /// Draws the bar with its top left corner at (`x`, `y`), `height` tall (top = high values).
    func draw(_ canvas: Canvas, x: Double, y: Double, height: Double) throws {
        let bar = Rect(x: x, y: y, width: Self.barWidth, height: height)
        let stops = (0...32).map { i -> (Double, RGBColor) in
            let t = Double(i) / 32
            return (t, scale.map.color(at: 1 - t))
        }
        try canvas.fillGradient(bar, stops: stops, from: (x, y), to: (x, y + height))
        canvas.stroke(bar, canvas.theme.axis.withAlpha(0.6), width: 0.75)
        let t = ticks(height: height)
        let lo = scale.range.lowerBound, span = scale.range.upperBound - lo
        var labelsRight = bar.maxX
        for value in t {
            let ty = y + height - (span > 0 ? (value - lo) / span : 0.5) * height
            canvas.line(bar.maxX, ty, bar.maxX + 4, ty, canvas.theme.axis, width: 1)
            let text = Ticks.label(value, among: t)
            canvas.text(text, x: bar.maxX + 6, y: ty, size: Self.fontSize, color: canvas.theme.secondaryText,
                        valign: .middle)
            labelsRight = max(labelsRight, bar.maxX + 6 + canvas.textWidth(text, size: Self.fontSize))
        }
        let fitted = canvas.fit(label, maxWidth: max(height, 30), size: Self.fontSize)
        canvas.text(fitted.text, x: labelsRight + 6 + Self.fontSize * 0.8, y: y + height / 2, size: fitted.size,
                    color: canvas.theme.secondaryText, align: .center, valign: .middle, angle: Double.pi / 2)
    }
}
