import Foundation
import RNNTrace

/// The table of a comparison: a row per variant with its metric over the seeds (mean and range),
/// how many seeds solve the task, each reference's value, the training time and the number of
/// parameters; for seq2seq models on generated strings a second table by input length; then the
/// references' sentences and the notes. `rnnlab compare` prints it; the comparison's page shows it.
struct ComparisonTable {
    let trace: ComparisonTrace

    /// "why-gates: test MSE, lower is better; baseline 0.1667 (…); solved below 0.0100".
    var title: String {
        guard let metric = trace.metric else { return "\(trace.lesson.name): \(trace.lesson.title)" }
        var parts = ["\(trace.lesson.name): \(metric.label), \(metric.lowerIsBetter ? "lower" : "higher") is better"]
        if let baseline = metric.baseline {
            parts.append("baseline \(format(baseline, metric))" + (metric.baselineLabel.map { " (\($0))" } ?? ""))
        }
        if let solvedAt = metric.solvedAt { parts.append("solved \(metric.lowerIsBetter ? "below" : "from") \(format(solvedAt, metric))") }
        return parts.joined(separator: "; ")
    }

    /// The variants' rows, the header first.
    var rows: [[String]] {
        let metric = trace.metric
        let references = trace.references.filter { !$0.values.isEmpty }
        var header = trace.keys
        if let metric { header.append(metric.label + (trace.groups.first.map { $0.runs.count > 1 } == true ? " mean [range]" : "")) }
        if metric?.solvedAt != nil { header.append("solved") }
        header += references.map(\.source)
        header += ["time", "parameters"]
        var rows = [header]
        for group in trace.groups {
            var row = group.settings
            if let metric { row.append(metricText(group, metric)) }
            if let metric, metric.solvedAt != nil {
                row.append("\(group.values(metric.name).filter(metric.isSolved).count)/\(group.runs.count)")
            }
            row += references.map { $0.values[trace.label(group.settings)] ?? "" }
            let seconds = group.runs.map(\.seconds).reduce(0, +) / Double(group.runs.count)
            row += [Console.duration(seconds), String(group.runs[0].model.parameterCount)]
            rows.append(row)
        }
        return rows
    }

    /// What the by-length table shows.
    var lengthCaption: String {
        let width = trace.runs.first?.result["beam_width"].map { " of \(Int($0))" } ?? ""
        return "By input length (held-out strings; exact: greedy decoding, beam: beam search\(width)):"
    }

    /// For seq2seq models on generated strings: a row per length, for each variant its exact
    /// match greedy and with beam search, and its token accuracy (means over the seeds); the
    /// header first. Empty for other comparisons.
    var lengthRows: [[String]] {
        let prefix = "exact_match_length_"
        let lengths = Set(trace.runs.flatMap { $0.result.keys.filter { $0.hasPrefix(prefix) } }.compactMap { Int($0.dropFirst(prefix.count)) })
            .sorted()
        guard !lengths.isEmpty else { return [] }
        let groups = trace.groups
        var rows = [["length"] + groups.flatMap { ["\(trace.label($0.settings)): exact", "beam", "tokens"] }]
        for length in lengths {
            var row = [String(length)]
            for group in groups {
                for measure in ["exact_match", "beam_exact_match", "token_accuracy"] {
                    let values = group.values("\(measure)_length_\(length)")
                    row.append(values.isEmpty ? "—" : String(format: "%.2f", values.reduce(0, +) / Double(values.count)))
                }
            }
            rows.append(row)
        }
        return rows
    }

    /// The references' sentences and the notes.
    var notes: [String] {
        trace.references.map { "\($0.source)\($0.note.map { ": \($0)" } ?? "")" } + trace.notes
    }

    /// The lines to print.
    func lines() -> [String] {
        var lines = [title] + Self.aligned(rows)
        let byLength = lengthRows
        if !byLength.isEmpty { lines += ["", lengthCaption] + Self.aligned(byLength) }
        return lines + notes
    }

    /// "0.0012 [0.0004–0.0031]", or "diverged" for runs that diverged.
    private func metricText(_ group: ComparisonTrace.Group, _ metric: HeadlineMetric) -> String {
        let values = group.values(metric.name).filter(\.isFinite)
        let diverged = group.runs.filter { $0.result["diverged_at"] != nil }.count
        guard !values.isEmpty else { return diverged > 0 ? "diverged" : "—" }
        var text = format(values.reduce(0, +) / Double(values.count), metric)
        if values.count > 1 { text += " [\(format(values.min()!, metric))–\(format(values.max()!, metric))]" }
        if diverged > 0 { text += ", \(diverged) diverged" }
        return text
    }

    private func format(_ value: Double, _ metric: HeadlineMetric) -> String {
        metric.lowerIsBetter ? String(format: "%.4f", value) : String(format: "%.1f%%", value * 100)
    }

    /// The rows with every column padded to its widest cell.
    static func aligned(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0.indices.contains(column) ? $0[column].count : 0 }.max()! }
        return rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
    }
}
