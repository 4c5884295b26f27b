import RNNCore

/// `confusion`: the held-out texts counted by true label (rows) and predicted label (columns);
/// the diagonal holds the right answers.
struct ConfusionFigure: Figure {
    let stack: HeatmapStackFigure

    init(trace: LessonTrace, classification: ClassificationTrace, confusion: [[Int]]) {
        let labels = classification.labels
        let largest = Double(confusion.flatMap { $0 }.max() ?? 1)
        var block = Heatmap(
            title: nil, values: confusion.map { $0.map(Double.init) }, rowLabels: labels, columnLabels: labels,
            scale: ValueScale(map: .blues, range: 0...max(largest, 1)), colorBarLabel: "held-out texts",
            xAxisLabel: "predicted label", yAxisLabel: "true label", cellWidth: 110, cellHeight: 64)
        block.valueDecimals = 0
        block.widenColumnsForLabels = true
        block.indicesWhenThinned = false
        let total = confusion.flatMap { $0 }.reduce(0, +)
        let right = labels.indices.reduce(0) { $0 + confusion[$1][$1] }
        stack = HeatmapStackFigure(
            header: trace.header("Held-out confusion matrix: \(right) of \(total) texts right (the diagonal)"), blocks: [block])
    }

    func size(_ canvas: Canvas) throws -> Size { try stack.size(canvas) }
    func draw(_ canvas: Canvas, size: Size) throws { try stack.draw(canvas, size: size) }
}
