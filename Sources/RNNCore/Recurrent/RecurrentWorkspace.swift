import RNNTrace

/// The buffers a recurrent layer keeps between its forward and backward pass.
struct RecurrentWorkspace {
    /// Gate activations, `[T][B][G·H]` (LSTM, GRU).
    var gates = Workspace()
    /// What the gates are computed from, `[T][B][G·H]`: the pre-activations (LSTM, RNN) or the
    /// GRU's input part.
    var preActivations = Workspace()
    /// `h`, `[T+1][B][H]`, slot 0 the initial state.
    var hidden = Workspace()
    /// LSTM `c`, `[T+1][B][H]`.
    var cell = Workspace()
    /// LSTM `tanh(c_t)`, `[T][B][H]`.
    var cellTanh = Workspace()
    /// GRU `W_hn h_{t-1} + b_hn`, `[T][B][H]`.
    var candidate = Workspace()
    /// GRU `W_hh h_{t-1} + b_hh` of the current step, `[B][G·H]`.
    var recurrentPart = Workspace()
    /// `b_ih + b_hh` (or `b_ih` for the GRU).
    var combinedBias = Workspace()
    /// GRU pre-activations of the current step, for a recorder.
    var recordedPreActivations = Workspace()
    /// ∂L/∂(input pre-activations), `[T][B][G·H]`.
    var gateGradientX = Workspace()
    /// GRU ∂L/∂(recurrent pre-activations), `[T][B][G·H]`.
    var gateGradientH = Workspace()
    /// ∂L/∂h_t of the current step.
    var stepGradient = Workspace()
    /// Sums of squares of ∂L/∂h_t per batch part and step, for `gradientNorms`.
    var stepSquares = Workspace()
    /// ∂L/∂h carried to the previous step; finally ∂L/∂h_0.
    var carryHidden = Workspace()
    /// ∂L/∂c carried between steps, in two buffers used in turn: each step reads one and
    /// writes the other (`cellCarry(at:of:)`). ∂L/∂c_T starts in the first.
    var carryCell = Workspace()
    var carryCellOther = Workspace()
    /// ∂L/∂x, `[T][B][in]`.
    var inputGradient = Workspace()
    /// Inputs fed one step at a time, `[T][B][in]`.
    var stepInputs = Workspace()
    /// The rows of the gate gradients, inputs and previous states that `finishBackward(rows:)`
    /// sums over, gathered.
    var compactGateGradientX = Workspace()
    var compactGateGradientH = Workspace()
    var compactInputs = Workspace()
    var compactStates = Workspace()
    /// ∂L/∂x of the gathered rows (`inputGradient(rows:columns:into:)`).
    var compactInputGradient = Workspace()

    mutating func reserve(cell kind: CellKind, steps: Int, batch: Int, hidden size: Int, gateWidth: Int) {
        let states = batch * size
        if kind != .rnn { gates.reserve(steps * batch * gateWidth) }
        preActivations.reserve(steps * batch * gateWidth)
        hidden.reserve((steps + 1) * states)
        if kind == .lstm {
            cell.reserve((steps + 1) * states)
            cellTanh.reserve(steps * states)
        }
        if kind == .gru {
            candidate.reserve(steps * states)
            recurrentPart.reserve(batch * gateWidth)
        }
    }

    mutating func reserveBackward(cell kind: CellKind, steps: Int, batch: Int, hidden size: Int, gateWidth: Int, input: Int) {
        gateGradientX.reserve(steps * batch * gateWidth)
        if kind == .gru { gateGradientH.reserve(steps * batch * gateWidth) }
        stepGradient.reserve(batch * size)
        carryHidden.reserve(batch * size)
        carryCell.reserve(batch * size)
        carryCellOther.reserve(batch * size)
        inputGradient.reserve(steps * batch * input)
    }

    /// The ∂L/∂c buffers of backward step `t` of `steps`: the one it reads and the one it writes.
    func cellCarry(at t: Int, of steps: Int) -> (read: UnsafeMutablePointer<Float>, written: UnsafeMutablePointer<Float>) {
        (steps - 1 - t) % 2 == 0 ? (carryCell.pointer, carryCellOther.pointer) : (carryCellOther.pointer, carryCell.pointer)
    }
}
