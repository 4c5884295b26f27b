import RNNTrace

/// A recorder that keeps a copy of everything every layer computed at every step.
///
/// Index as `steps[layer][t]`; each copy keeps the batch rows of the record.
public final class StepHistory: StepRecorder {
    /// One step of one layer, copied out of the layer's workspaces.
    public struct Entry: Sendable {
        /// `x_t`, `[batch][inputSize]`.
        public var input: [Float]
        /// `h_{t-1}`, `[batch][H]`.
        public var previousHidden: [Float]
        /// Gate pre-activations, `[batch][G·H]`.
        public var preActivations: [Float]
        /// Gate activations, `[batch][G·H]` (empty for the RNN).
        public var activations: [Float]
        /// `c_t` (LSTM), `[batch][H]`.
        public var cellState: [Float]
        /// `h_t`, `[batch][H]`.
        public var hidden: [Float]
    }

    /// The entries, `[layer][step]`.
    public private(set) var steps: [[Entry]] = []
    /// The cell kind of the recorded layers.
    public private(set) var cell: CellKind = .rnn
    /// The batch size of the records.
    public private(set) var batch = 0
    /// The hidden width of the records.
    public private(set) var hiddenSize = 0

    /// Creates an empty history.
    public init() {}

    public func record(_ step: StepRecord) {
        while steps.count <= step.layer { steps.append([]) }
        cell = step.cell
        batch = step.batch
        hiddenSize = step.hiddenSize
        let entry = Entry(
            input: Array(step.input), previousHidden: Array(step.previousHidden),
            preActivations: Array(step.preActivations), activations: Array(step.activations),
            cellState: Array(step.cellState), hidden: Array(step.hidden))
        if step.step < steps[step.layer].count {
            steps[step.layer][step.step] = entry
        } else {
            steps[step.layer].append(entry)
        }
    }

    /// Gate `gate` (index in the cell's gate order) of sequence `row` from an `[batch][G·H]` block.
    public func slice(_ block: [Float], gate: Int, row: Int) -> [Float] {
        let width = Swift.max(cell.gateCount, 1) * hiddenSize
        let start = row * width + gate * hiddenSize
        return Array(block[start..<start + hiddenSize])
    }

    /// Row `row` of an `[batch][width]` block.
    public func row(_ block: [Float], _ row: Int) -> [Float] {
        guard !block.isEmpty else { return [] }
        let width = block.count / batch
        return Array(block[row * width..<(row + 1) * width])
    }
}
