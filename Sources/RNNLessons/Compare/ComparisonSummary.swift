import Foundation
import RNNTrace

/// `summary.csv` and `summary.json` of a comparison: one row per run (a variant and a seed) with
/// the varied keys by name, the seed, every result number, the training time and the number of
/// parameters.
public enum ComparisonSummary {
    /// The column names: the keys, `seed`, the result names (sorted), `seconds`, `parameters`.
    public static func columns(_ trace: ComparisonTrace) -> [String] {
        trace.keys + ["seed"] + resultNames(trace) + ["seconds", "parameters"]
    }

    /// The CSV text, a header line then one line per run; a value a run lacks is empty.
    public static func csv(_ trace: ComparisonTrace) -> String {
        let names = resultNames(trace)
        var lines = [columns(trace).map(csvField).joined(separator: ",")]
        for run in trace.runs {
            let results = names.map { run.result[$0].map(number) ?? "" }
            let fields = run.settings.map(csvField) + [String(run.seed)] + results
                + [number(run.seconds), String(run.model.parameterCount)]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON document: `{lesson, metric, keys, rows: [{key: value, seed, result…, seconds, parameters}]}`,
    /// keys sorted, numbers as numbers (a varied value that is a number too).
    public static func json(_ trace: ComparisonTrace) throws -> [UInt8] {
        let rows = trace.runs.map { run -> [String: JSONValue] in
            var row: [String: JSONValue] = [:]
            for (key, value) in zip(trace.keys, run.settings) { row[key] = Double(value).map(JSONValue.number) ?? .text(value) }
            row["seed"] = .number(Double(run.seed))
            for (name, value) in run.result { row[name] = .number(value) }
            row["seconds"] = .number(run.seconds)
            row["parameters"] = .number(Double(run.model.parameterCount))
            return row
        }
        let document = Document(lesson: trace.lesson.name, metric: trace.metric, keys: trace.keys, rows: rows)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(document)) + [UInt8(ascii: "\n")]
    }

    private struct Document: Encodable {
        var lesson: String
        var metric: HeadlineMetric?
        var keys: [String]
        var rows: [[String: JSONValue]]
    }

    /// The comparison's `trace.json`: every run with its loss curve and gradient flow, keys sorted.
    public static func traceJSON(_ trace: ComparisonTrace) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(trace)) + [UInt8(ascii: "\n")]
    }

    /// A cell of a JSON row.
    private enum JSONValue: Encodable {
        case number(Double)
        case text(String)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let value) where value == value.rounded() && abs(value) < 1e15: try container.encode(Int64(value))
            case .number(let value) where value.isFinite: try container.encode(value)
            case .number: try container.encodeNil()
            case .text(let text): try container.encode(text)
            }
        }
    }

    /// Every result name of any run, sorted.
    private static func resultNames(_ trace: ComparisonTrace) -> [String] {
        Set(trace.runs.flatMap(\.result.keys)).sorted()
    }

    /// A number in the shortest form that reads back the same.
    private static func number(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
