import Foundation

/// A result to compare with, from a paper or another implementation: a sentence, and values
/// for some variants (by their label, `cell=rnn length=10`), each a number or a range `a-b`.
public struct ComparisonReference: Codable, Sendable, Equatable {
    /// Where it comes from ("Hochreiter & Schmidhuber 1997, Table 7").
    public var source: String
    /// What it says, in a sentence.
    public var note: String?
    /// Values by variant label, as written.
    public var values: [String: String]

    /// Creates a reference.
    public init(source: String, note: String? = nil, values: [String: String] = [:]) {
        self.source = source
        self.note = note
        self.values = values
    }

    /// The value for the variant `label` as a range (a single number is a range of one).
    public func range(for label: String) -> ClosedRange<Double>? {
        guard let text = values[label] else { return nil }
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        switch parts.count {
        case 1: return parts[0].map { $0...$0 }
        case 2:
            guard let low = parts[0], let high = parts[1], low <= high else { return nil }
            return low...high
        default: return nil
        }
    }
}
