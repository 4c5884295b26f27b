/// A row of a worksheet: what it is (an equation) and its numbers, one per column.
public struct WorkedRow: Sendable, Equatable {
    /// A stable name for the row ("h", "gate.i", "dL/dh_prev").
    public var key: String
    /// What is written ("h_t = tanh(a_t)").
    public var label: String
    /// The row's name as a column head when its block is drawn turned ("p"); the label when nil.
    public var shortLabel: String?
    public var values: [Double]
    /// Whether the row's numbers are the trace's own (the rest are computed from them and the weights).
    public var traced: Bool
    /// How its numbers are written.
    public var style: NumberStyle

    /// How a row's numbers are written.
    public enum NumberStyle: Sendable, Equatable {
        /// With this many decimals.
        case decimals(Int)
        /// As 2.1e-04.
        case scientific
        /// With this many significant digits (0.008045, 3.12e-06): gradients of every size.
        case significant(Int)
    }

    /// Creates a row.
    public init(key: String, label: String, shortLabel: String? = nil, values: [Double], traced: Bool = false,
                style: NumberStyle = .decimals(4)) {
        self.key = key
        self.label = label
        self.shortLabel = shortLabel
        self.values = values
        self.traced = traced
        self.style = style
    }
}
