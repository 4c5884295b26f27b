import RNNTrace

/// The softmax rows of an unrolled network's output boxes: the same tokens in the same order in
/// every column (all of a small vocabulary; else the five likeliest over the shown steps, the
/// predicted and target tokens first), each with its bar and its probability written.
struct OutputRows {
    /// Indices into the trace's output tokens, in index order.
    let tokens: [Int]
    let names: [String]
    /// The label column's width: one character, or a classifier's label words.
    let nameWidth: Double

    static let limit = 5

    init(trace: LessonTrace, steps: [Int]) {
        names = trace.outputTokens
        nameWidth = trace.classification == nil ? 13 : 52
        let shown = steps.filter { trace.steps.indices.contains($0) }
        guard names.count > Self.limit else { tokens = Array(names.indices); return }
        var best = [Float](repeating: 0, count: names.count)
        var named = Set<Int>()
        for t in shown {
            let step = trace.steps[t]
            for (i, p) in (step.probabilities ?? []).enumerated() where i < best.count { best[i] = max(best[i], p) }
            for token in [step.prediction, step.target].compactMap({ $0 }) {
                if let i = names.firstIndex(of: token) { named.insert(i) }
            }
        }
        let ranked = names.indices.sorted { a, b in
            let (na, nb) = (named.contains(a), named.contains(b))
            if na != nb { return na }
            return best[a] != best[b] ? best[a] > best[b] : a < b
        }
        tokens = ranked.prefix(Self.limit).sorted()
    }

    /// Draws the rows for probabilities `p` into `rect`: token, bar, value; the predicted token bold.
    func draw(_ canvas: Canvas, _ p: [Float], prediction: String?, in rect: Rect) {
        let theme = canvas.theme
        let rowHeight = rect.height / Double(max(tokens.count, 1))
        let valueWidth = canvas.textWidth("0.00", size: 10) + 2
        for (k, i) in tokens.enumerated() {
            let y = rect.minY + Double(k) * rowHeight
            let chosen = names[i] == prediction
            let value = i < p.count ? Double(min(max(p[i], 0), 1)) : 0
            canvas.fittedText(displayToken(names[i]), x: rect.minX + nameWidth, y: y + rowHeight / 2, maxWidth: nameWidth, size: 10,
                              color: chosen ? theme.text : theme.secondaryText, bold: chosen, align: .right, valign: .middle)
            let barLeft = rect.minX + nameWidth + 2
            let barWidth = max(rect.width - nameWidth - 2 - valueWidth, 4) * value
            canvas.fill(Rect(x: barLeft, y: y + 2, width: max(barWidth, 0.5), height: rowHeight - 3),
                        chosen ? theme.output : theme.output.withAlpha(0.4))
            canvas.text(Ticks.format(value, decimals: 2), x: rect.maxX, y: y + rowHeight / 2, size: 10,
                        color: theme.text, align: .right, valign: .middle)
        }
    }
}
