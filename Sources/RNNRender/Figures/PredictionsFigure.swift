import RNNTrace

/// `predictions`: the input (and target, when there is one) on top, then one row per snapshot
/// iteration; each predicted token in a box shaded by its probability, with a green (right) or red
/// (wrong) border.
///
/// Character lessons get one box per step, all the same width, so a prediction stands under the
/// input it was made for. Word lessons (any token longer than one character: seq2seq answers,
/// regression values) size each box to its text and wrap a long row onto several lines; a seq2seq
/// row is the question, then each iteration's answer.
struct PredictionsFigure: Figure {
    let trace: LessonTrace
    let header: Header
    /// The steps shown per row in character mode (a long input shows a window from its start).
    let window: StepWindow
    /// The snapshots shown, a row each (many: the first, the last and evenly spaced ones between).
    let snapshots: [Snapshot]
    /// Whether boxes are sized to their words (else one fixed-width box per character).
    let wordLevel: Bool
    /// A box's height (and, in character mode, its width).
    let box: Double
    let room: Size
    static let labelSize: Double = 13
    static let smallestBox: Double = 22

    /// One row of boxes.
    private struct Row {
        enum Kind { case input, target, snapshot(Snapshot) }
        var label: String
        var tokens: [String]
        var kind: Kind
    }

    /// The predictions of `trace`'s snapshots, laid out for `room`; `title` and `description`
    /// replace the usual headline and key (a what-if's rows are not iterations).
    init(trace: LessonTrace, title: String? = nil, description custom: String? = nil, room: Size = PageSize.natural.room) {
        self.trace = trace
        self.room = room
        let steps = trace.snapshots.map(\.predicted.count).max() ?? trace.steps.count
        let tokens = trace.steps.map(\.inputToken) + trace.steps.compactMap(\.target) + trace.snapshots.flatMap(\.predicted)
        wordLevel = tokens.contains { displayToken($0).count > 1 }
        // Labels, the loss column and the colour bar take about 300 points beside the boxes.
        let boxesWidth = room.width - 2 * Layout.margin - 300
        window = wordLevel ? .all(steps) : StepWindow.around(0, total: steps, limit: Int(boxesWidth / Self.smallestBox))
        box = wordLevel ? 34 : Layout.clamp(boxesWidth / Double(max(window.range.count, 1)), Self.smallestBox...40)
        let fixedRows = 1 + (trace.steps.contains { $0.target != nil } ? 1 : 0)
        let rowsRoom = room.height - 2 * Layout.margin - 120 - Double(fixedRows) * (box + 8)
        snapshots = Self.evenlyChosen(trace.snapshots, limit: wordLevel ? 6 : max(2, Int(rowsRoom / (box + 8))))
        let shade = trace.snapshots.contains { !$0.probability.isEmpty } ? "shade = probability · " : ""
        let marks = "✓ right (solid border), ✗ wrong (dashed)"
        var headline: String, key: String
        switch trace.lesson.task {
        case .seq2seq:
            headline = "The answer at each snapshot iteration"
            key = "word by word: \(shade)\(marks)"
        case .regression:
            headline = "The predicted next \(trace.forecast?.targetName ?? "value") at each snapshot iteration"
            key = "against the target"
        default:
            headline = "What the network predicts as it trains"
            key = "\(shade)\(marks)"
        }
        if let custom { key = custom }
        if let note = window.note { key += " · " + note }
        if snapshots.count < trace.snapshots.count { key += " · \(snapshots.count) of \(trace.snapshots.count) snapshots" }
        header = trace.header(title ?? headline, key: key)
    }

    /// At most `limit` of `snapshots`: all, or the first, the last and evenly spaced ones between.
    static func evenlyChosen(_ snapshots: [Snapshot], limit: Int) -> [Snapshot] {
        guard snapshots.count > limit, limit >= 2 else { return snapshots }
        let last = snapshots.count - 1
        let picked = (0..<limit).map { Int((Double($0) * Double(last) / Double(limit - 1)).rounded()) }
        return Array(Set(picked)).sorted().map { snapshots[$0] }
    }

    private var shown: Range<Int> { window.range }

    private var hasProbabilities: Bool { trace.snapshots.contains { !$0.probability.isEmpty } }

    private var rows: [Row] {
        let inputs = wordLevel ? trace.tokenLabels : Array(trace.tokenLabels[shown.clamped(to: trace.tokenLabels.indices)])
        var list = [Row(label: trace.isSeq2Seq ? "question" : "input", tokens: inputs, kind: .input)]
        if trace.steps.contains(where: { $0.target != nil }) {
            let targets = wordLevel ? trace.steps.compactMap { $0.target.map(displayToken) }
                : trace.steps[shown.clamped(to: trace.steps.indices)].map { $0.target.map(displayToken) ?? "" }
            list.append(Row(label: "target", tokens: targets, kind: .target))
        }
        for snapshot in snapshots {
            let predicted = snapshot.predicted.map(displayToken)
            list.append(Row(label: snapshot.label ?? "iteration \(snapshot.iteration)",
                            tokens: wordLevel ? predicted : Array(predicted[shown.clamped(to: predicted.indices)]),
                            kind: .snapshot(snapshot)))
        }
        return list
    }

    private var flow: TokenFlow {
        TokenFlow(fontSize: fontSize, bold: true, minWidth: box, padding: wordLevel ? 9 : 4,
                  maxWidth: wordLevel ? room.width - 2 * Layout.margin - 300 : Double(max(shown.count, 1)) * box)
    }
    private var fontSize: Double { wordLevel ? 15 : min(20, box * 0.5) }
    private var lineHeight: Double { box + 8 }

    /// Every row laid out, relative to the top left of the first box.
    private struct Placement {
        var rows: [Row]
        /// Each row's boxes (before the 2-point inset).
        var frames: [[Rect]]
        /// Each row's top.
        var tops: [Double]
        /// Where the loss column starts: right of the widest snapshot row.
        var lossX: Double
        /// The boxes' and losses' width.
        var width: Double
        var height: Double
    }

    private func placement(_ canvas: Canvas) -> Placement {
        let rows = rows
        var frames: [[Rect]] = [], tops: [Double] = []
        var top = 0.0, boxesWidth = 0.0, snapshotsWidth = 0.0
        for row in rows {
            let placed = flow.place(canvas, row.tokens, boxHeight: box, lineHeight: lineHeight)
            frames.append(placed.frames.map { Rect(x: $0.x, y: top + $0.y, width: $0.width, height: $0.height) })
            tops.append(top)
            boxesWidth = max(boxesWidth, placed.width)
            if case .snapshot = row.kind { snapshotsWidth = max(snapshotsWidth, placed.width) }
            top += Double(max(placed.lines, 1)) * lineHeight
        }
        if !wordLevel { boxesWidth = Double(shown.count) * box; snapshotsWidth = boxesWidth }
        let lossX = snapshotsWidth + 12
        return Placement(rows: rows, frames: frames, tops: tops, lossX: lossX,
                         width: max(boxesWidth, lossX + lossWidth(canvas)), height: top)
    }

    private func labelWidth(_ c: Canvas) -> Double {
        c.maxTextWidth(rows.map(\.label), size: Self.labelSize, bold: true) + 14
    }
    private func lossWidth(_ c: Canvas) -> Double {
        c.maxTextWidth(snapshots.map(Self.lossLabel), size: Self.labelSize) + 4
    }
    /// "loss 0.0046": four decimals, as the run, the progress line and the loss figure write it;
    /// nothing when the loss is not known (NaN: a what-if's answer to a question without a target).
    static func lossLabel(_ snapshot: Snapshot) -> String {
        snapshot.loss.isNaN ? "" : "loss \(Ticks.format(snapshot.loss, decimals: 4))"
    }
    private var colorBar: ColorBar { ColorBar(scale: ValueScale(map: .blues, range: 0...1), label: "probability") }

    /// The figure's inner width and the header wrapped to it.
    private func frame(_ canvas: Canvas) -> (header: Header, width: Double, placement: Placement) {
        let placement = placement(canvas)
        let bar = hasProbabilities ? Layout.gap + colorBar.width(canvas, height: placement.height) : 0
        let fitted = header.fitted(canvas, contentWidth: labelWidth(canvas) + placement.width + bar,
                                   roomWidth: room.width - 2 * Layout.margin)
        return (fitted.header, fitted.width, placement)
    }

    func size(_ canvas: Canvas) throws -> Size {
        let (header, width, placement) = frame(canvas)
        return Size(width: width + 2 * Layout.margin, height: header.height + placement.height + 2 * Layout.margin)
    }

    /// ✓ or ✗ in a badge on the box's top right corner, in the right or wrong colour.
    private func drawMark(_ canvas: Canvas, right: Bool, on cell: Rect) {
        let theme = canvas.theme
        let color = right ? theme.right : theme.wrong
        let radius = 7.0
        canvas.circle(cell.maxX - 2, cell.minY + 2, radius: radius, fill: theme.background, stroke: color, width: 1.5)
        canvas.text(Theme.mark(right: right), x: cell.maxX - 2, y: cell.minY + 2.5, size: 10, color: color, bold: true,
                    align: .center, valign: .middle)
    }

    /// The box of token `t` in row `row` (0 input, then the target row when there is one, then the snapshots).
    func boxRect(_ canvas: Canvas, row: Int, t: Int) -> Rect {
        let (header, _, placement) = frame(canvas)
        let r = placement.frames[row][t]
        return Rect(x: Layout.margin + labelWidth(canvas) + r.x, y: Layout.margin + header.height + r.y,
                    width: r.width, height: r.height).inset(2)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let theme = canvas.theme
        let (header, width, placement) = frame(canvas)
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        let left = Layout.margin + labelWidth(canvas), top = Layout.margin + header.height
        for (k, row) in placement.rows.enumerated() {
            let firstLine = top + placement.tops[k] + box / 2
            var isSnapshot = false
            if case .snapshot = row.kind { isSnapshot = true }
            canvas.text(row.label, x: left - 14, y: firstLine, size: Self.labelSize,
                        color: isSnapshot ? theme.text : theme.secondaryText, bold: isSnapshot, align: .right,
                        valign: .middle)
            for (t, token) in row.tokens.enumerated() {
                let f = placement.frames[k][t]
                let cell = Rect(x: left + f.x, y: top + f.y, width: f.width, height: f.height).inset(2)
                let maxText = cell.width - 4
                switch row.kind {
                case .input, .target:
                    canvas.stroke(cell, theme.grid, width: 1, radius: 3)
                    let isTarget: Bool = if case .target = row.kind { true } else { false }
                    canvas.fittedText(token, x: cell.midX, y: cell.midY, maxWidth: maxText, size: fontSize,
                                      color: isTarget ? theme.text : theme.secondaryText, bold: isTarget,
                                      align: .center, valign: .middle)
                case .snapshot(let snapshot):
                    // Without probabilities (regression) a neutral fill; without right/wrong a neutral border.
                    let index = wordLevel ? t : shown.lowerBound + t
                    let p = index < snapshot.probability.count ? Double(snapshot.probability[index]) : nil
                    let fill = p.map { colorBar.scale.color($0) } ?? theme.output.withAlpha(0.12)
                    let right = index < snapshot.correct.count ? snapshot.correct[index] : nil
                    canvas.fill(cell, fill, radius: 3)
                    canvas.stroke(cell.inset(1.25), right.map { $0 ? theme.right : theme.wrong } ?? theme.output, width: 2.5,
                                  radius: 3, dashed: right == false)
                    let textColor = p == nil ? theme.text : canvas.contrastingText(on: fill)
                    canvas.fittedText(token, x: cell.midX, y: cell.midY, maxWidth: maxText, size: fontSize, color: textColor,
                                      bold: true, align: .center, valign: .middle)
                    if let right { drawMark(canvas, right: right, on: cell) }
                }
            }
            if case .snapshot(let snapshot) = row.kind {
                canvas.text(Self.lossLabel(snapshot), x: left + placement.lossX, y: firstLine,
                            size: Self.labelSize, color: theme.secondaryText, valign: .middle)
            }
        }
        if hasProbabilities {
            try colorBar.draw(canvas, x: left + placement.width + Layout.gap, y: top, height: placement.height - 8)
        }
    }
}
