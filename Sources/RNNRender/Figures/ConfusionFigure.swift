import RNNTrace

/// `confusion`: the held-out texts counted by true label (rows) and predicted label (columns);
/// the diagonal holds the right answers.
struct ConfusionFigure: Figure {
    let stack: HeatmapStackFigure

    init(trace: LessonTrace, classification: ClassificationTrace, confusion: [[Int]], room: Size = PageSize.natural.room) {
        let labels = classification.labels
        let largest = Double(confusion.flatMap { $0 }.max() ?? 1)
        let width = (room.width - 2 * Layout.margin - 200) / Double(max(labels.count, 1))
        let height = (room.height - 2 * Layout.margin - 200) / Double(max(labels.count, 1))
        var block = Heatmap(
            title: nil, values: confusion.map { $0.map(Double.init) }, rowLabels: labels, columnLabels: labels,
            scale: ValueScale(map: .blues, range: 0...max(largest, 1)), colorBarLabel: "held-out texts",
            xAxisLabel: "predicted label", yAxisLabel: "true label", cellWidth: min(110, width), cellHeight: min(64, height))
        block.valueDecimals = 0
        block.widenColumnsForLabels = true
        block.indicesWhenThinned = false
        let total = confusion.flatMap { $0 }.reduce(0, +)
        let right = labels.indices.reduce(0) { $0 + confusion[$1][$1] }
        stack = HeatmapStackFigure(
            header: trace.header("Held-out texts: \(right) of \(total) right", key: "rows: the true label, columns: the predicted one; the diagonal is right"),
            blocks: [block])
    }

    func size(_ canvas: Canvas) throws -> Size { try stack.size(canvas) }
    func draw(_ canvas: Canvas, size: Size) throws { try stack.draw(canvas, size: size) }
}
