import Foundation
import RNNTrace

/// `sweep.png`: the lesson's metric against the swept key, a line per variant (the mean over
/// seeds, a bar over their range), with the baseline of a network that learnt nothing, the level
/// that counts as solved, and the values of any reference beside.
///
/// A point is drawn filled where at least half of its seeds solve the task and hollow where they
/// do not, so solving is told by shape as well as by position.
enum SweepFigure {
    static func make(_ trace: ComparisonTrace, room: Size = PageSize.natural.room) -> PanelFigure {
        let layout = ComparisonLayout(trace)
        let metric = trace.metric!
        let sweepKey = layout.sweepKey!
        let theme = Theme.light
        var series: [LinePlot.Series] = []
        var solving: [String] = []
        for (index, spec) in layout.series.enumerated() {
            let along = layout.runsAlongSweep(spec)
            var points: [(x: Double, y: Double)] = []
            var range: [(x: Double, low: Double, high: Double)] = []
            var solved: [Bool] = []
            for (x, _, runs) in along {
                let values = runs.compactMap { $0.result[metric.name] }.filter(\.isFinite)
                guard !values.isEmpty else { continue }
                points.append((x, values.reduce(0, +) / Double(values.count)))
                if values.count > 1 { range.append((x, values.min()!, values.max()!)) }
                solved.append(values.filter(metric.isSolved).count * 2 >= values.count)
            }
            series.append(
                LinePlot.Series(
                    name: spec.name, points: points, color: spec.color, dashed: spec.dashed, showPoints: true,
                    range: range, rangeStyle: .bars, hollowPoints: Set(solved.indices.filter { !solved[$0] })))
            if metric.solvedAt != nil { solving.append(solvingPhrase(spec.name, zip(points.map(\.x), solved), key: trace.keys[sweepKey])) }
            for reference in trace.references where !reference.values.isEmpty {
                let ranged = along.compactMap { item -> (x: Double, low: Double, high: Double)? in
                    guard let value = reference.range(for: label(layout, spec, item.value)) else { return nil }
                    return (item.x, value.lowerBound, value.upperBound)
                }
                guard !ranged.isEmpty else { continue }
                series.append(
                    LinePlot.Series(
                        name: "\(spec.name): \(reference.source)", points: [], color: spec.color.mixed(with: theme.background, 0.45),
                        width: 0, range: ranged, rangeStyle: .column(offset: 10 + 8 * Double(index))))
            }
        }
        var references: [LinePlot.Reference] = []
        if let baseline = metric.baseline {
            references.append(.init(y: baseline, label: "baseline \(Ticks.format(baseline, decimals: 3))" + (metric.baselineLabel.map { ": \($0)" } ?? ""), color: theme.secondaryText))
        }
        if let solvedAt = metric.solvedAt {
            references.append(.init(y: solvedAt, label: "solved \(metric.lowerIsBetter ? "below" : "from") \(Ticks.format(solvedAt, decimals: 2))", color: theme.axis))
        }
        let values = series.flatMap { $0.points.map(\.y) } + references.map(\.y)
        let xValues = trace.values[sweepKey].compactMap(Double.init)
        let plot = LinePlot(
            series: series, xLabel: trace.keys[sweepKey], yLabel: metric.label,
            logY: metric.lowerIsBetter && LinePlot.wantsLog(values, decades: 1), references: references,
            integerX: xValues.allSatisfy { $0 == $0.rounded() }, xTicks: xValues)
        var subtitles: [String] = []
        if !solving.isEmpty { subtitles.append(solving.joined(separator: " · ")) }
        for reference in trace.references {
            subtitles.append(reference.source + (reference.note.map { ": \($0)" } ?? (reference.values.isEmpty ? "" : " (light columns)")))
        }
        subtitles += trace.notes + [layout.byline]
        let better = metric.lowerIsBetter ? "lower is better" : "higher is better"
        return PanelFigure(
            header: Header(title: "\(metric.label.prefix(1).uppercased() + metric.label.dropFirst()) against \(trace.keys[sweepKey]) (\(better))", subtitles: subtitles),
            panels: [PanelFigure.Panel(
                title: pointsPhrase(seeds: Set(trace.runs.map(\.seed)).count, references: !trace.references.allSatisfy(\.values.isEmpty)),
                caption: nil,
                plot: plot)],
            columns: 1, panelSize: Size(width: 900, height: 520), room: room)
    }

    /// What the marks mean.
    static func pointsPhrase(seeds: Int, references: Bool) -> String {
        var text = seeds > 1 ? "Each point: the mean of \(seeds) seeds, the bar their range" : "Each point: one seed"
        text += "; hollow: not solved"
        if references { text += "; light columns beside: the references' values" }
        return text
    }

    /// "rnn solves up to length 10, not from 25" — where a series stops solving.
    static func solvingPhrase(_ name: String, _ points: some Sequence<(Double, Bool)>, key: String) -> String {
        let points = Array(points)
        let solvedXs = points.filter(\.1).map(\.0)
        let failedXs = points.filter { !$0.1 }.map(\.0)
        func show(_ x: Double) -> String { Ticks.format(x, decimals: x == x.rounded() ? 0 : 3) }
        if failedXs.isEmpty { return "\(name) solves every \(key)" }
        if solvedXs.isEmpty { return "\(name) solves no \(key)" }
        if let lastSolved = solvedXs.max(), let firstFailed = failedXs.min(), lastSolved < firstFailed {
            return "\(name) solves up to \(key) \(show(lastSolved)), not from \(show(firstFailed))"
        }
        return "\(name) solves \(key) \(solvedXs.map(show).joined(separator: ", ")) only"
    }

    /// The reference label of the variant of `spec` at `value` of the swept key.
    private static func label(_ layout: ComparisonLayout, _ spec: ComparisonLayout.SeriesSpec, _ value: String) -> String {
        guard let run = layout.runs(spec, panel: value).first else { return "" }
        return layout.trace.label(run.settings)
    }
}
