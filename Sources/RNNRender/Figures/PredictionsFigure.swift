import RNNCore

/// `predictions`: the input and target on top, then one row per snapshot iteration; each predicted
/// token in a box shaded by its probability, with a green (right) or red (wrong) border.
struct PredictionsFigure: Figure {
    let trace: LessonTrace
    let header: Header
    /// How many steps are shown (long inputs show a window from the start).
    let shown: Int
    let box: Double
    static let maxShown = 48
    static let labelSize: Double = 13

    init(trace: LessonTrace) {
        self.trace = trace
        let steps = trace.snapshots.map(\.predicted.count).max() ?? trace.steps.count
        shown = min(steps, Self.maxShown)
        box = Layout.clamp(960 / Double(max(shown, 1)), 20...40)
        var description = "Prediction at each snapshot iteration: shade = probability, border green = right, red = wrong"
        if shown < steps { description += " · first \(shown) of \(steps) steps" }
        header = trace.header(description)
    }

    private var rowLabels: [String] { ["input", "target"] + trace.snapshots.map { "iteration \($0.iteration)" } }
    private var rowHeight: Double { box + 8 }
    private func labelWidth(_ c: Canvas) -> Double { c.maxTextWidth(rowLabels, size: Self.labelSize, bold: true) + 14 }
    private func lossWidth(_ c: Canvas) -> Double {
        c.maxTextWidth(trace.snapshots.map { "loss \(Ticks.format($0.loss, decimals: 3))" }, size: Self.labelSize) + 16
    }
    private var colorBar: ColorBar { ColorBar(scale: ValueScale(map: .blues, range: 0...1), label: "probability") }
    private var rowsHeight: Double { Double(rowLabels.count) * rowHeight }

    func size(_ canvas: Canvas) throws -> Size {
        let content = labelWidth(canvas) + Double(shown) * box + lossWidth(canvas) + Layout.gap
            + colorBar.width(canvas, height: rowsHeight)
        return Size(width: max(content, min(header.preferredWidth(canvas), 900), 480) + 2 * Layout.margin,
                    height: header.height + rowsHeight + 2 * Layout.margin)
    }

    /// The box of step `t` in row `row` (0 input, 1 target, 2… snapshots).
    func boxRect(_ canvas: Canvas, row: Int, t: Int) -> Rect {
        let top = Layout.margin + header.height + Double(row) * rowHeight
        return Rect(x: Layout.margin + labelWidth(canvas) + Double(t) * box + 2, y: top + 2, width: box - 4, height: box - 4)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let theme = canvas.theme
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: size.width - 2 * Layout.margin)
        let top = Layout.margin + header.height
        let left = Layout.margin + labelWidth(canvas)
        let fontSize = min(20, box * 0.5)
        let target = trace.steps.map { $0.target.map(displayToken) ?? "" }
        for (row, label) in rowLabels.enumerated() {
            let y = top + Double(row) * rowHeight
            canvas.text(label, x: left - 14, y: y + box / 2, size: Self.labelSize, color: row < 2 ? theme.secondaryText : theme.text,
                        bold: row >= 2, align: .right, valign: .middle)
            for t in 0..<shown {
                let cell = boxRect(canvas, row: row, t: t)
                if row < 2 {
                    let token = row == 0 ? (t < trace.steps.count ? trace.tokenLabels[t] : "") : (t < target.count ? target[t] : "")
                    canvas.stroke(cell, theme.grid, width: 1, radius: 3)
                    canvas.text(token, x: cell.midX, y: cell.midY, size: fontSize, color: row == 0 ? theme.secondaryText : theme.text,
                                bold: row == 1, align: .center, valign: .middle)
                    continue
                }
                let snapshot = trace.snapshots[row - 2]
                guard t < snapshot.predicted.count else { continue }
                let p = t < snapshot.probability.count ? Double(snapshot.probability[t]) : 0
                let fill = colorBar.scale.color(p)
                let correct = t < snapshot.correct.count && snapshot.correct[t]
                canvas.fill(cell, fill, radius: 3)
                canvas.stroke(cell.inset(1.25), correct ? theme.right : theme.wrong, width: 2.5, radius: 3)
                canvas.text(displayToken(snapshot.predicted[t]), x: cell.midX, y: cell.midY, size: fontSize,
                            color: canvas.contrastingText(on: fill), bold: true, align: .center, valign: .middle)
            }
            if row >= 2 {
                let snapshot = trace.snapshots[row - 2]
                canvas.text("loss \(Ticks.format(snapshot.loss, decimals: 3))", x: left + Double(shown) * box + 12,
                            y: y + box / 2, size: Self.labelSize, color: theme.secondaryText, valign: .middle)
            }
        }
        try colorBar.draw(canvas, x: left + Double(shown) * box + lossWidth(canvas) + Layout.gap, y: top,
                          height: rowsHeight - 8)
    }
}
