import RNNTrace

/// `attention`: decoder output tokens (rows) × source tokens (columns), 0…1 sequential, the
/// question's words written upwards under their columns; square cells as large as the room allows.
struct AttentionFigure: Figure {
    let stack: HeatmapStackFigure

    /// The smallest cell side before the answer and the question are shown as windows.
    static let smallestSide: Double = 6

    init(trace: LessonTrace, room: Size = PageSize.natural.room) {
        let decoder = (trace.decoder ?? []).filter { $0.attention != nil }
        let canvas = try? Document.measuringCanvas()
        let rowLabels = decoder.map { displayToken($0.outputToken) }
        let labelRoom = (canvas?.maxTextWidth(rowLabels, size: Heatmap.labelSize) ?? 60) + 40
        let columnLabelRoom = min(canvas?.maxTextWidth(trace.tokenLabels, size: Heatmap.labelSize) ?? 60, Heatmap.maxLabelColumnWidth)
        let width = room.width - 2 * Layout.margin - labelRoom - 90
        let height = room.height - 2 * Layout.margin - 110 - columnLabelRoom - 30
        let columns = StepWindow.around(nil, total: trace.steps.count, limit: Int(width / Self.smallestSide))
        let rows = StepWindow.around(0, total: decoder.count, limit: Int(height / Self.smallestSide))
        let side = Layout.clamp(min(width / Double(max(columns.range.count, 1)), height / Double(max(rows.range.count, 1))),
                                Self.smallestSide...52)
        let values = decoder[rows.range].map { step in
            columns.range.map { $0 < step.attention!.count ? Double(step.attention![$0]) : .nan }
        }
        var block = Heatmap(
            title: nil, values: values, rowLabels: Array(rowLabels[rows.range]),
            columnLabels: Array(trace.tokenLabels[columns.range]), scale: .unit, colorBarLabel: "attention weight α",
            xAxisLabel: "question (encoder input tokens)", yAxisLabel: "answer (decoder output tokens)",
            cellWidth: side, cellHeight: side)
        block.rotatedColumnLabels = true
        block.indicesWhenThinned = false
        var notes: [String] = []
        if let note = columns.note { notes.append("question " + note) }
        if rows.isWindow { notes.append("answer words \(rows.range.lowerBound)…\(rows.range.upperBound - 1) of 0…\(rows.total - 1)") }
        stack = HeatmapStackFigure(
            header: trace.header(
                "Where each answer word looks in the question",
                key: (["attention weight α of each answer word over the question's words (each row sums to 1)"] + notes)
                    .joined(separator: " · ")),
            blocks: [block])
    }

    func size(_ canvas: Canvas) throws -> Size { try stack.size(canvas) }
    func draw(_ canvas: Canvas, size: Size) throws { try stack.draw(canvas, size: size) }
}
