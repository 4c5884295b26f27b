/// One time step of a recurrent network worked by hand with its real numbers: what goes in,
/// every product and sum on the way to h_t, the output and the loss; then one step of
/// backpropagation through time and a finite-difference check of one weight's gradient — the
/// numbers of a worksheet (`rnnlab worksheet`).
public struct WorkedStep: Sendable, Equatable {
    /// The lesson and model, for the byline.
    public var lesson: LessonInfo
    public var model: ModelInfo
    /// The step worked, from 0, and the number of steps of the input.
    public var t: Int
    public var steps: Int
    /// The layer worked (the top one, which the output reads).
    public var layer: Int
    /// The input token at step t.
    public var inputToken: String
    /// The shown input, a token per step.
    public var input: [String]
    /// The blocks of the forward pass, the backward step and the check, in order.
    public var blocks: [WorkedBlock]

    /// Creates a worked step.
    public init(lesson: LessonInfo, model: ModelInfo, t: Int, steps: Int, layer: Int, inputToken: String, input: [String],
                blocks: [WorkedBlock]) {
        self.lesson = lesson
        self.model = model
        self.t = t
        self.steps = steps
        self.layer = layer
        self.inputToken = inputToken
        self.input = input
        self.blocks = blocks
    }

    /// The row of `key` in any block.
    public func row(_ key: String) -> WorkedRow? { blocks.lazy.flatMap(\.rows).first { $0.key == key } }
}

/// Which part of the work a block belongs to.
public enum WorkedPart: String, Sendable, Equatable {
    /// The forward pass to h_t, the output and the loss.
    case forward
    /// ∂L_t/∂h_t carried back to h_{t−1}.
    case backward
    /// One weight's gradient against finite differences.
    case check
    /// The weights themselves (small models).
    case weights
}

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
