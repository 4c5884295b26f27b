/// Horizontal bars for a softmax's likeliest tokens, one row each: the token right-aligned in a
/// label column, a bar as long as its probability, then the value and an optional note
/// ("← target", "← chosen"). Shared by the step frames of the encoder and of the decoder.
struct ProbabilityBars {
    /// One row.
    struct Bar {
        /// The token, already displayable.
        var label: String
        var probability: Float
        var color: RGBColor
        /// Whether the label is bold (the token the model picked).
        var bold = false
        /// Written after the value ("  ← chosen"), or empty.
        var note = ""
    }

    var bars: [Bar]
    /// The length of a bar of probability 1.
    var barWidth: Double = 200
    static let rowHeight: Double = 22
    static let barHeight: Double = 16
    static let labelSize: Double = 13
    static let noteSize: Double = 11
    /// The narrowest label column (one-character tokens keep the default width; frames of one
    /// sequence pass their widest token so the bars stay put from frame to frame).
    var minLabelWidth: Double = 30
    /// The least room kept for the value and note after the longest bar.
    var minValueWidth: Double = 0

    /// The label column's width: the widest token, at least `minLabelWidth`.
    func labelWidth(_ canvas: Canvas) -> Double {
        max(minLabelWidth, canvas.maxTextWidth(bars.map(\.label), size: Self.labelSize, bold: true))
    }

    private func valueText(_ bar: Bar) -> String { Ticks.format(Double(bar.probability), decimals: 2) + bar.note }

    /// The width of the labels, the longest bar possible and the widest value with its note.
    func width(_ canvas: Canvas) -> Double {
        labelWidth(canvas) + 14 + barWidth + max(minValueWidth, canvas.maxTextWidth(bars.map(valueText), size: Self.noteSize))
    }

    /// The height of all rows.
    var height: Double { Double(bars.count) * Self.rowHeight }

    /// The bar of row `k` when the rows are drawn from `x` with the first row centred on `y`.
    func barRect(_ canvas: Canvas, row k: Int, x: Double, y: Double) -> Rect {
        let cy = y + Double(k) * Self.rowHeight
        return Rect(x: x + labelWidth(canvas) + 8, y: cy - Self.barHeight / 2,
                    width: max(1, barWidth * Double(bars[k].probability)), height: Self.barHeight)
    }

    /// Draws the rows from `x` (the label column's left edge), the first row centred on `y`.
    func draw(_ canvas: Canvas, x: Double, y: Double) {
        let labelRight = x + labelWidth(canvas)
        for (k, bar) in bars.enumerated() {
            let cy = y + Double(k) * Self.rowHeight
            canvas.text(bar.label, x: labelRight, y: cy, size: Self.labelSize, bold: bar.bold, align: .right, valign: .middle)
            canvas.fill(barRect(canvas, row: k, x: x, y: y), bar.color)
            canvas.text(valueText(bar), x: labelRight + 14 + barWidth * Double(bar.probability), y: cy, size: Self.noteSize,
                        color: canvas.theme.secondaryText, valign: .middle)
        }
    }
}
