/// Per-column min-max scaling as lab 12-5 writes it: `(x − min) / (max − min + 1e-7)`.
public struct MinMaxScaler: Sendable, Equatable, Codable {
    /// The noise term that keeps a constant column from dividing by zero.
    public static let epsilon = 1e-7

    /// Each column's minimum.
    public let minimum: [Double]
    /// Each column's maximum.
    public let maximum: [Double]

    /// The scaler fitted to `rows`.
    public init(fitting rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        minimum = (0..<columns).map { c in rows.map { $0[c] }.min()! }
        maximum = (0..<columns).map { c in rows.map { $0[c] }.max()! }
    }

    /// A scaler that leaves values as they are.
    public init(identityFor columns: Int) {
        minimum = Array(repeating: 0, count: columns)
        maximum = Array(repeating: 1 - Self.epsilon, count: columns)
    }

    /// `value` of column `c`, scaled.
    public func scale(_ value: Double, column c: Int) -> Double {
        (value - minimum[c]) / (maximum[c] - minimum[c] + Self.epsilon)
    }

    /// A scaled `value` of column `c` back in the column's unit.
    public func unscale(_ value: Double, column c: Int) -> Double {
        value * (maximum[c] - minimum[c] + Self.epsilon) + minimum[c]
    }

    /// Every row scaled.
    public func scale(_ rows: [[Double]]) -> [[Double]] {
        rows.map { row in row.enumerated().map { scale($1, column: $0) } }
    }
}
