import RNNCore

/// Shared sizing for time × units heatmaps so hidden, gates and attention look alike.
enum HeatmapLayout {
    /// The width available for cells in a figure.
    static let cellsWidth: Double = 1000

    /// A units × time block over the trace's steps.
    static func timeBlock(
        _ trace: LessonTrace, title: String, values: [[Double]], scale: ValueScale, colorBarLabel: String,
        lastBlock: Bool, maxHeight: Double = 300
    ) -> Heatmap {
        let cell = Heatmap.cellSize(columns: trace.steps.count, rows: values.count, availableWidth: cellsWidth,
                                    maxHeight: maxHeight)
        return Heatmap(
            title: title, values: values, rowLabels: unitLabels(values.count), columnLabels: trace.tokenLabels,
            scale: scale, colorBarLabel: colorBarLabel,
            xAxisLabel: lastBlock ? "input token at each time step (time →)" : nil, yAxisLabel: "unit",
            cellWidth: cell.width, cellHeight: min(cell.height, max(cell.width, 14)), rowsAreUnitNumbers: true)
    }
}
