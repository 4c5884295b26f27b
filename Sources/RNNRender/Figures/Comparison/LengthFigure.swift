import Foundation
import RNNTrace

/// `length.png` of a comparison of seq2seq models on generated strings: exact match (solid) and
/// token accuracy (dashed) on held-out strings against their length, a line per variant (the
/// mean over seeds, the band their range), the lengths trained on shaded — the shape of Bahdanau
/// et al.'s Fig. 2.
enum LengthFigure {
    /// The lengths measured in every run (`exact_match_length_L` results), in order.
    static func lengths(_ trace: ComparisonTrace) -> [Int] {
        let prefix = "exact_match_length_"
        let sets = trace.runs.map { run in Set(run.result.keys.filter { $0.hasPrefix(prefix) }.compactMap { Int($0.dropFirst(prefix.count)) }) }
        return (sets.first.map { first in sets.dropFirst().reduce(first) { $0.intersection($1) } } ?? []).sorted()
    }

    static func make(_ trace: ComparisonTrace, room: Size = PageSize.natural.room) -> PanelFigure {
        let layout = ComparisonLayout(trace)
        let lengths = lengths(trace)
        let theme = Theme.light
        var series: [LinePlot.Series] = []
        for (index, spec) in layout.series.enumerated() {
            let runs = trace.runs.filter { run in layout.seriesKeys.map { run.settings[$0] } == spec.values }
            // A reference's value for this variant at a length, keyed "attention=none length=20".
            if let label = runs.first.map({ trace.label($0.settings) }) {
                for reference in trace.references where !reference.values.isEmpty {
                    let ranged = lengths.compactMap { length -> (x: Double, low: Double, high: Double)? in
                        reference.range(for: "\(label) length=\(length)").map { (Double(length), $0.lowerBound, $0.upperBound) }
                    }
                    guard !ranged.isEmpty else { continue }
                    series.append(
                        LinePlot.Series(
                            name: "\(spec.name): \(reference.source)", points: [],
                            color: spec.color.mixed(with: theme.background, 0.45), width: 0, range: ranged,
                            rangeStyle: .column(offset: 8 + 8 * Double(index))))
                }
            }
            for (measure, dashed) in [("exact_match", false), ("token_accuracy", true)] {
                var points: [(x: Double, y: Double)] = []
                var range: [(x: Double, low: Double, high: Double)] = []
                for length in lengths {
                    let values = runs.compactMap { $0.result["\(measure)_length_\(length)"] }
                    guard !values.isEmpty else { continue }
                    points.append((Double(length), values.reduce(0, +) / Double(values.count)))
                    if values.count > 1 { range.append((Double(length), values.min()!, values.max()!)) }
                }
                series.append(
                    LinePlot.Series(
                        name: "\(spec.name): \(dashed ? "token accuracy" : "exact match")", points: points, color: spec.color,
                        dashed: dashed, showPoints: !dashed && lengths.count <= 30, range: dashed ? [] : range))
            }
        }
        var plot = LinePlot(
            series: series, xLabel: "input length (letters)", yLabel: "share of held-out strings", integerX: true,
            yRange: 0...1)
        if let run = trace.runs.first, let low = run.result["train_length_min"], let high = run.result["train_length_max"] {
            plot.shadedX = (low...high, "trained on lengths \(Int(low))–\(Int(high))")
        }
        var subtitles = ["Solid: exact match (every letter right); dashed: token accuracy (letters in the right place); light columns: the references' exact match"]
        for reference in trace.references { subtitles.append(reference.source + (reference.note.map { ": \($0)" } ?? "")) }
        subtitles += trace.notes + [layout.byline]
        return PanelFigure(
            header: Header(title: "Exact match against input length, with and without attention", subtitles: subtitles),
            panels: [PanelFigure.Panel(title: "Held-out strings, greedy decoding", caption: nil, plot: plot)],
            columns: 1, panelSize: Size(width: 900, height: 520), room: room)
    }
}
