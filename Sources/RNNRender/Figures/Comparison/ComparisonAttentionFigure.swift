import RNNTrace

/// `attention.png` of a comparison of seq2seq models on generated strings: for each variant that
/// attends, one held-out string of each of a few lengths answered — answer letters (rows) × input
/// letters (columns), 0…1. For reversal the weight should lie on the anti-diagonal: the first
/// letter written looks at the last letter read.
enum ComparisonAttentionFigure {
    /// Whether any run kept attention to draw.
    static func isAvailable(_ trace: ComparisonTrace) -> Bool {
        trace.runs.contains { $0.examples?.contains { $0.attention != nil } ?? false }
    }

    static func make(_ trace: ComparisonTrace, room: Size = PageSize.natural.room) -> HeatmapGridFigure {
        let layout = ComparisonLayout(trace)
        let count = layout.series.map { spec in
            trace.runs.first { run in layout.seriesKeys.map { run.settings[$0] } == spec.values }?
                .examples?.filter { $0.attention != nil }.count ?? 0
        }.reduce(0, +)
        // The blocks share the room: three to a row, as many rows as it takes.
        let rows = Double(max(1, (count + 2) / 3))
        let blockWidth = (room.width - 2 * Layout.margin - 4 * Layout.gap - 80) / 3 - 40
        let blockHeight = (room.height - 2 * Layout.margin - 110 - (rows - 1) * Layout.gap * 1.5) / rows - 60
        var blocks: [Heatmap] = []
        for spec in layout.series {
            guard let run = trace.runs.first(where: { run in layout.seriesKeys.map { run.settings[$0] } == spec.values }),
                let examples = run.examples?.filter({ $0.attention != nil }), !examples.isEmpty
            else { continue }
            for (index, example) in examples.enumerated() {
                let attention = example.attention!
                let letters = Double(max(example.source.count, attention.count, 1))
                let side = Layout.clamp(min(380, blockWidth, blockHeight) / letters, 3...40)
                let wrong = zip(example.answer, example.target).filter { $0 != $1 }.count
                    + abs(example.answer.count - example.target.count)
                let verdict = example.isExact ? "✓ right" : "✗ \(wrong) wrong"
                var block = Heatmap(
                    title: "\(spec.name) · length \(example.source.count) · \(verdict)",
                    values: attention.map { row in example.source.indices.map { $0 < row.count ? Double(row[$0]) : .nan } },
                    rowLabels: (example.answer + [SpecialTokens.eos]).prefix(attention.count).map(displayToken),
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
                    "Rows: the letters the decoder writes (its answer, first seed); columns: the input letters; each row sums to 1. "
                        + "Reversing, the weight should run along the anti-diagonal",
                    layout.byline,
                ]),
            blocks: blocks, columns: 3, room: room)
    }
}
