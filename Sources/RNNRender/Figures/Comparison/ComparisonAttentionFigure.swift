import RNNCore

/// `attention.png` of a comparison of seq2seq models on generated strings: for each variant that
/// attends, one held-out string of each of a few lengths answered — answer letters (rows) × input
/// letters (columns), 0…1. For reversal the weight should lie on the anti-diagonal: the first
/// letter written looks at the last letter read.
enum ComparisonAttentionFigure {
    /// Whether any run kept attention to draw.
    static func isAvailable(_ trace: ComparisonTrace) -> Bool {
        trace.runs.contains { $0.examples?.contains { $0.attention != nil } ?? false }
    }

    static func make(_ trace: ComparisonTrace) -> HeatmapGridFigure {
        let layout = ComparisonLayout(trace)
        var blocks: [Heatmap] = []
        for spec in layout.series {
            guard let run = trace.runs.first(where: { run in layout.seriesKeys.map { run.settings[$0] } == spec.values }),
                let examples = run.examples?.filter({ $0.attention != nil }), !examples.isEmpty
            else { continue }
            for (index, example) in examples.enumerated() {
                let attention = example.attention!
                let side = Layout.clamp(380 / Double(max(example.source.count, attention.count, 1)), 7...40)
                let wrong = zip(example.answer, example.target).filter { $0 != $1 }.count
                    + abs(example.answer.count - example.target.count)
                let verdict = example.isExact ? "✓ right" : "✗ \(wrong) wrong"
                var block = Heatmap(
                    title: "\(spec.name) · length \(example.source.count) · \(verdict)",
                    values: attention.map { row in example.source.indices.map { $0 < row.count ? Double(row[$0]) : .nan } },
                    rowLabels: (example.answer + [Vocabulary.eos]).prefix(attention.count).map(displayToken),
                    columnLabels: example.source, scale: .unit, colorBarLabel: "attention weight α",
                    xAxisLabel: "input", yAxisLabel: "answer", cellWidth: side, cellHeight: side)
                block.indicesWhenThinned = false
                block.showColorBar = index == examples.count - 1
                blocks.append(block)
            }
        }
        return HeatmapGridFigure(
            header: Header(
                title: "Where the decoder looks: attention on held-out strings of growing length",
                subtitles: [
                    layout.byline,
                    "Rows: the letters the decoder writes (its answer, first seed); columns: the input letters; each row sums to 1. "
                        + "Reversing, the weight should run along the anti-diagonal",
                ]),
            blocks: blocks, columns: 3)
    }
}
