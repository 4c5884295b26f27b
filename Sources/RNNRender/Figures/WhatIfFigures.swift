import RNNTrace

/// The figures of a what-if (`rnnlab step … --clamp f=0` and the like), in `whatif/`:
/// `predictions.png`, the predictions before and after as two rows; `hidden-difference.png`,
/// each layer's hidden states after minus before, units × time, on a diverging scale.
public enum WhatIfFigures {
    /// Draws both figures from `comparison` (a trace whose two snapshots are the predictions
    /// before and after) and the traces before and after, laid out for `page`; returns each
    /// file's name and bytes.
    public static func render(
        comparison: LessonTrace, before: LessonTrace, after: LessonTrace, description: String, format: OutputFormat,
        scale: Double = 2, page: PageSize = .widescreen
    ) throws -> [(name: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        if !comparison.snapshots.isEmpty {
            files.append(("predictions.\(format.fileExtension)", try PredictionsFigure(
                trace: comparison, title: "What \(description) does to the predictions",
                description: comparison.snapshots.contains { !$0.probability.isEmpty }
                    ? "as trained and with the intervention: shade = probability · ✓ right (solid border), ✗ wrong (dashed)"
                    : "as trained and with the intervention, against the target",
                room: page.room
            ).render(format: format, scale: scale)))
        }
        if !before.steps.isEmpty && before.layerCount > 0 {
            files.append((
                "hidden-difference.\(format.fileExtension)",
                try difference(before, after, description, room: page.room).render(format: format, scale: scale)))
        }
        return files
    }

    /// Each layer's `h_after − h_before`, units × time (deep stacks: the first and last layer).
    static func difference(_ before: LessonTrace, _ after: LessonTrace, _ description: String, room: Size) -> TimeHeatmapFigure {
        let layers = LayerSelection(total: before.layerCount, limit: 3)
        var rows: [TimeHeatmapFigure.Row] = []
        for layer in layers.layers {
            let old = before.unitsByTime(layer: layer) { $0.h }, new = after.unitsByTime(layer: layer) { $0.h }
            let change = zip(old, new).map { zip($0, $1).map { $1 - $0 } }
            let block = TimeHeatmapFigure.Block(
                title: "\(layers.prefix(layer))h_t after − before", values: change,
                scale: .symmetric(covering: change.flatMap { $0.map(Float.init) }), colorBarLabel: "change of h")
            rows.append(.init(blocks: [block], ranking: change))
        }
        return TimeHeatmapFigure(
            trace: before, headline: "What \(description) does to the hidden states",
            key: ["after the intervention minus before: orange went up, blue went down, white unchanged"]
                + [layers.note].compactMap { $0 },
            rows: rows, room: room)
    }
}
