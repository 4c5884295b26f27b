import RNNTrace

/// How a comparison's runs are arranged in its figures: a panel per value of the swept key (or
/// one panel), and in each a series per combination of the other varied keys, drawn in the same
/// colour in every panel.
struct ComparisonLayout {
    let trace: ComparisonTrace
    /// The index of the key along x (sweep) or across panels (loss, gradient flow).
    let sweepKey: Int?
    /// The indices of the other keys with several values: they tell the series apart.
    let seriesKeys: [Int]

    init(_ trace: ComparisonTrace) {
        self.trace = trace
        sweepKey = trace.sweepKey
        seriesKeys = trace.keys.indices.filter { $0 != trace.sweepKey && trace.values[$0].count > 1 }
    }

    /// One series: the values of the series keys, with its name and colour.
    struct SeriesSpec {
        var values: [String]
        var name: String
        var color: RGBColor
        var dashed: Bool
    }

    /// Every combination of the series keys' values that has runs, in order.
    var series: [SeriesSpec] {
        var seen: [[String]] = []
        for run in trace.runs {
            let values = seriesKeys.map { run.settings[$0] }
            if !seen.contains(values) { seen.append(values) }
        }
        let theme = Theme.light
        return seen.enumerated().map { index, values in
            // A cell keeps its colour in every figure: rnn blue, lstm orange, gru green.
            let colorIndex = seriesKeys.map { trace.keys[$0] } == ["cell"]
                ? CellKind(rawValue: values[0]).flatMap { CellKind.allCases.firstIndex(of: $0) } ?? index : index
            return SeriesSpec(
                values: values, name: name(values), color: theme.accent(colorIndex), dashed: index >= theme.accents.count)
        }
    }

    /// "lstm", "lstm, hidden 8": the series keys' values, a cell by its name alone.
    private func name(_ values: [String]) -> String {
        guard !values.isEmpty else { return trace.lesson.name }
        return zip(seriesKeys, values).map { key, value in
            trace.keys[key] == "cell" ? value : "\(trace.keys[key]) \(value)"
        }.joined(separator: ", ")
    }

    /// The panels: the swept key's values (each with a title), or one panel of every run.
    var panels: [(title: String, value: String?)] {
        guard let sweepKey else {
            let fixed = trace.keys.indices.filter { trace.values[$0].count == 1 }.map { "\(trace.keys[$0]) \(trace.values[$0][0])" }
            return [(fixed.isEmpty ? trace.lesson.title : fixed.joined(separator: ", "), nil)]
        }
        return trace.values[sweepKey].map { ("\(trace.keys[sweepKey]) \($0)", $0) }
    }

    /// The runs of `series` in the panel of `value` (every seed).
    func runs(_ series: SeriesSpec, panel value: String?) -> [ComparisonRun] {
        trace.runs.filter { run in
            seriesKeys.map { run.settings[$0] } == series.values && (value == nil || run.settings[sweepKey!] == value)
        }
    }

    /// The runs of `series` at each value of the swept key.
    func runsAlongSweep(_ series: SeriesSpec) -> [(x: Double, value: String, runs: [ComparisonRun])] {
        guard let sweepKey else { return [] }
        return trace.values[sweepKey].compactMap { value in
            let runs = runs(series, panel: value)
            return runs.isEmpty ? nil : (Double(value) ?? 0, value, runs)
        }
    }

    /// The number of seeds per variant, as a phrase ("5 seeds").
    var seedsPhrase: String {
        let count = Set(trace.runs.map(\.seed)).count
        return count == 1 ? "seed \(trace.runs.first.map { String($0.seed) } ?? "")" : "\(count) seeds"
    }

    /// The subtitle line shared by the figures: the lesson and what varies.
    var byline: String {
        let varied = trace.keys.indices.map { "\(trace.keys[$0]) \(trace.values[$0].joined(separator: ", "))" }
        return "\(trace.lesson.name) · " + varied.joined(separator: " · ") + " · \(seedsPhrase)"
    }

    /// The number of panel columns: two for up to four panels, three beyond.
    var columns: Int { panels.count <= 1 ? 1 : panels.count <= 4 ? 2 : 3 }
}
