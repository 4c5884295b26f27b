import RNNCore

/// `attention`: decoder output tokens (rows) × source tokens (columns), 0…1 sequential.
struct AttentionFigure: Figure {
    let stack: HeatmapStackFigure

    init(trace: LessonTrace) {
        let decoder = (trace.decoder ?? []).filter { $0.attention != nil }
        let columns = trace.steps.count
        let values = decoder.map { step in (0..<columns).map { $0 < step.attention!.count ? Double(step.attention![$0]) : .nan } }
        let side = Layout.clamp(min(900 / Double(max(columns, 1)), 640 / Double(max(values.count, 1))), 6...52)
        var block = Heatmap(
            title: nil, values: values, rowLabels: decoder.map { displayToken($0.outputToken) },
            columnLabels: trace.tokenLabels, scale: .unit, colorBarLabel: "attention weight α",
            xAxisLabel: "question (encoder input tokens)", yAxisLabel: "answer (decoder output tokens)",
            cellWidth: side, cellHeight: side)
        // The question's words label the columns: widen the columns to fit them instead of numbering them.
        block.widenColumnsForLabels = true
        block.indicesWhenThinned = false
        stack = HeatmapStackFigure(
            header: trace.header("Attention: where each answer token looks in the question (each row sums to 1)"),
            blocks: [block])
    }

    func size(_ canvas: Canvas) throws -> Size { try stack.size(canvas) }
    func draw(_ canvas: Canvas, size: Size) throws { try stack.draw(canvas, size: size) }
}
