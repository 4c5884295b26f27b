import RNNTrace

/// One time step of a recurrent cell, forward and backward, for one sequence.
extension Reference {
    /// A layer's weights, PyTorch's layout: `weightIH` `[G·H][X]`, `weightHH` `[G·H][H]`,
    /// `biasIH` and `biasHH` `[G·H]`, the gates stacked (LSTM `i f g o`, GRU `r z n`, RNN one block).
    /// The same shape holds a layer's gradients.
    public struct CellWeights: Equatable, Sendable {
        public var weightIH: [Float]
        public var weightHH: [Float]
        public var biasIH: [Float]
        public var biasHH: [Float]

        /// Weights from their values.
        public init(weightIH: [Float], weightHH: [Float], biasIH: [Float], biasHH: [Float]) {
            self.weightIH = weightIH
            self.weightHH = weightHH
            self.biasIH = biasIH
            self.biasHH = biasHH
        }

        /// Zeros of the same shapes (for accumulating gradients).
        public var zeros: CellWeights {
            CellWeights(
                weightIH: weightIH.map { _ in 0 }, weightHH: weightHH.map { _ in 0 }, biasIH: biasIH.map { _ in 0 },
                biasHH: biasHH.map { _ in 0 })
        }
    }

    /// What one forward step computed, kept for its backward step.
    public struct CellStep: Sendable {
        /// `x_t` `[X]`, `h_{t−1}` `[H]`, `c_{t−1}` `[H]` (LSTM).
        public var x: [Float], previousHidden: [Float], previousCell: [Float]?
        /// The gate activations, stacked `[G·H]` (RNN: `h_t` itself).
        public var gates: [Float]
        /// GRU: `W_hn h_{t−1} + b_hn`, the part the reset gate scales.
        public var recurrentNew: [Float]?
        /// `c_t` (LSTM) and `h_t`, `[H]`.
        public var cell: [Float]?, hidden: [Float]
    }

    /// One step forward:
    ///
    /// - RNN: `h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)`
    /// - LSTM: `i, f, o = σ(·)`, `g = tanh(·)` of `W_ih x_t + b_ih + W_hh h_{t−1} + b_hh` (stacked),
    ///   `c_t = f ⊙ c_{t−1} + i ⊙ g`, `h_t = o ⊙ tanh(c_t)`
    /// - GRU: `r, z = σ(W_i· x + b_i· + W_h· h + b_h·)`, `n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))`,
    ///   `h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}`
    public static func cellForward(
        _ cell: CellKind, x: [Float], hidden h: [Float], cell c: [Float]?, weights w: CellWeights
    ) -> CellStep {
        let H = h.count
        let fromInput = affine(w.weightIH, x, w.biasIH)   // [G·H]
        let fromState = affine(w.weightHH, h, w.biasHH)   // [G·H]
        switch cell {
        case .rnn:
            let hidden = add(fromInput, fromState).map(tanh)
            return CellStep(x: x, previousHidden: h, previousCell: nil, gates: hidden, recurrentNew: nil, cell: nil, hidden: hidden)
        case .lstm:
            let a = add(fromInput, fromState)
            let i = gate(a, 0, H).map(sigmoid), f = gate(a, 1, H).map(sigmoid)
            let g = gate(a, 2, H).map(tanh), o = gate(a, 3, H).map(sigmoid)
            let c = c ?? [Float](repeating: 0, count: H)
            let newCell = vector(H) { f[$0] * c[$0] + i[$0] * g[$0] }
            let hidden = vector(H) { o[$0] * tanh(newCell[$0]) }
            return CellStep(x: x, previousHidden: h, previousCell: c, gates: i + f + g + o, recurrentNew: nil, cell: newCell, hidden: hidden)
        case .gru:
            let r = add(gate(fromInput, 0, H), gate(fromState, 0, H)).map(sigmoid)
            let z = add(gate(fromInput, 1, H), gate(fromState, 1, H)).map(sigmoid)
            let recurrentNew = gate(fromState, 2, H)
            let n = vector(H) { tanh(fromInput[2 * H + $0] + r[$0] * recurrentNew[$0]) }
            let hidden = vector(H) { (1 - z[$0]) * n[$0] + z[$0] * h[$0] }
            return CellStep(x: x, previousHidden: h, previousCell: nil, gates: r + z + n, recurrentNew: recurrentNew, cell: nil, hidden: hidden)
        }
    }

    /// One step backward: from ∂L/∂h_t (`dh`, `[H]`) and, for the LSTM, ∂L/∂c_t (`dc`), adds the
    /// weights' gradients into `gradients` and returns ∂L/∂x_t, ∂L/∂h_{t−1} and ∂L/∂c_{t−1}.
    public static func cellBackward(
        _ cell: CellKind, step: CellStep, dh: [Float], dc: [Float]?, weights w: CellWeights, gradients: inout CellWeights
    ) -> (dx: [Float], dPreviousHidden: [Float], dPreviousCell: [Float]?) {
        let H = dh.count
        // ∂L/∂ of the stacked pre-activations, split into the part from x and the part from h.
        var dFromInput: [Float], dFromState: [Float]
        var dPreviousCell: [Float]?
        var dPreviousHidden = [Float](repeating: 0, count: H)
        switch cell {
        case .rnn:
            // h = tanh(a): ∂a = ∂h ⊙ (1 − h²)
            dFromInput = vector(H) { dh[$0] * (1 - step.hidden[$0] * step.hidden[$0]) }
            dFromState = dFromInput
        case .lstm:
            let i = gate(step.gates, 0, H), f = gate(step.gates, 1, H), g = gate(step.gates, 2, H), o = gate(step.gates, 3, H)
            let c = step.cell!, previous = step.previousCell!
            let squashed = c.map(tanh)
            // h = o ⊙ tanh(c): ∂c gets ∂h ⊙ o ⊙ (1 − tanh²(c)) on top of what c_{t+1} sent.
            let dCell = vector(H) { (dc?[$0] ?? 0) + dh[$0] * o[$0] * (1 - squashed[$0] * squashed[$0]) }
            let di = vector(H) { dCell[$0] * g[$0] * i[$0] * (1 - i[$0]) }
            let df = vector(H) { dCell[$0] * previous[$0] * f[$0] * (1 - f[$0]) }
            let dg = vector(H) { dCell[$0] * i[$0] * (1 - g[$0] * g[$0]) }
            let d_o = vector(H) { dh[$0] * squashed[$0] * o[$0] * (1 - o[$0]) }
            dFromInput = di + df + dg + d_o
            dFromState = dFromInput
            dPreviousCell = vector(H) { dCell[$0] * f[$0] }
        case .gru:
            let r = gate(step.gates, 0, H), z = gate(step.gates, 1, H), n = gate(step.gates, 2, H)
            let recurrentNew = step.recurrentNew!, previous = step.previousHidden
            // h = (1 − z) ⊙ n + z ⊙ h_{t−1}
            let dn = vector(H) { dh[$0] * (1 - z[$0]) * (1 - n[$0] * n[$0]) }
            let dz = vector(H) { dh[$0] * (previous[$0] - n[$0]) * z[$0] * (1 - z[$0]) }
            let dr = vector(H) { dn[$0] * recurrentNew[$0] * r[$0] * (1 - r[$0]) }
            dPreviousHidden = vector(H) { dh[$0] * z[$0] }
            dFromInput = dr + dz + dn
            dFromState = dr + dz + vector(H) { dn[$0] * r[$0] }
        }
        let dx = affineBackward(dFromInput, w: w.weightIH, x: step.x, dw: &gradients.weightIH, db: &gradients.biasIH)
        let throughState = affineBackward(
            dFromState, w: w.weightHH, x: step.previousHidden, dw: &gradients.weightHH, db: &gradients.biasHH)
        return (dx, add(dPreviousHidden, throughState), dPreviousCell)
    }
}
