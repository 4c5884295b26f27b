/// A table of a worksheet: rows of numbers under named columns (units, tokens).
public struct WorkedBlock: Sendable, Equatable {
    public var part: WorkedPart
    public var title: String
    /// The columns' names ("h[0]", "e"); one empty name for rows of single numbers.
    public var columns: [String]
    public var rows: [WorkedRow]
    /// What is left out ("units 0–5 of 128"), or `nil`.
    public var note: String?
    /// Whether the columns are a layer's units (a page may show fewer of them).
    public var columnsAreUnits: Bool
    /// Whether the block is drawn turned: a line per column (a token), a column per row.
    public var turned: Bool

    /// Creates a block.
    public init(part: WorkedPart, title: String, columns: [String], rows: [WorkedRow], note: String? = nil,
                columnsAreUnits: Bool = false, turned: Bool = false) {
        self.part = part
        self.title = title
        self.columns = columns
        self.rows = rows
        self.note = note
        self.columnsAreUnits = columnsAreUnits
        self.turned = turned
    }
}
