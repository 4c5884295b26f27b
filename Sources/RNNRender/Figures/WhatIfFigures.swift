import RNNCore

/// The figures of a what-if (`rnnlab step … --clamp f=0` and the like), in `whatif/`:
/// `predictions.png`, the predictions before and after as two rows; `hidden-difference.png`,
/// each layer's hidden states after minus before, units × time, on a diverging scale.
public enum WhatIfFigures {
    /// Draws both figures from `comparison` (a trace whose two snapshots are the predictions
    /// before and after) and the traces before and after; returns each file's name and bytes.
    public static func render(
        comparison: LessonTrace, before: LessonTrace, after: LessonTrace, description: String, format: OutputFormat,
        scale: Double = 2
    ) throws -> [(name: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        if !comparison.snapshots.isEmpty {
            files.append(("predictions.\(format.fileExtension)", try PredictionsFigure(
                trace: comparison, title: "What \(description) does to the predictions",
                description: comparison.snapshots.contains { !$0.probability.isEmpty }
                    ? "As trained and with the intervention: shade = probability, border green = right, red = wrong"
                    : "As trained and with the intervention, against the target"
            ).render(format: format, scale: scale)))
        }
        if !before.steps.isEmpty && before.layerCount > 0 {
            files.append(("hidden-difference.\(format.fileExtension)", try difference(before, after, description).render(format: format, scale: scale)))
        }
        return files
    }

    /// Each layer's `h_after − h_before`, units × time.
    static func difference(_ before: LessonTrace, _ after: LessonTrace, _ description: String) -> HeatmapStackFigure {
        let layers = before.layerCount
        var blocks: [Heatmap] = []
        for layer in 0..<layers {
            let old = before.unitsByTime(layer: layer) { $0.h }, new = after.unitsByTime(layer: layer) { $0.h }
            let change = zip(old, new).map { zip($0, $1).map { $1 - $0 } }
            blocks.append(HeatmapLayout.timeBlock(
                before, title: "\(layers > 1 ? "layer \(layer) · " : "")h_t after − before",
                values: change, scale: .symmetric(covering: change.flatMap { $0.map(Float.init) }),
                colorBarLabel: "change of h", lastBlock: layer == layers - 1))
        }
        return HeatmapStackFigure(
            header: Header(
                title: "What \(description) does to the hidden states",
                subtitles: [before.subtitle, "After the intervention minus before: red went up, blue went down, white unchanged"]),
            blocks: blocks)
    }
}
