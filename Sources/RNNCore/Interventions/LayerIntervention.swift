/// A change to what one recurrent layer computes at every step — "what if the forget gate were
/// 0?" — for looking at a trained network, not for training: gates held at fixed values, units
/// silenced. It applies to the computation, so every later step sees it.
public struct LayerIntervention: Sendable, Equatable {
    /// A gate held at `value` for some units (all when `units` is nil).
    public struct Clamp: Sendable, Equatable {
        /// The gate's index in the cell's order (LSTM `i f g o`, GRU `r z n`).
        public var gate: Int
        /// The value it is held at.
        public var value: Float
        /// The units, or nil for every unit.
        public var units: [Int]?

        /// Creates a clamp.
        public init(gate: Int, value: Float, units: [Int]? = nil) {
            self.gate = gate
            self.value = value
            self.units = units
        }
    }

    /// The gates held at fixed values.
    public var clamps: [Clamp] = []
    /// Units whose hidden state `h_t` is set to 0 after every step.
    public var silencedHidden: [Int] = []
    /// Units whose cell state `c_t` is set to 0 after every step (LSTM).
    public var silencedCell: [Int] = []

    /// No change.
    public init(clamps: [Clamp] = [], silencedHidden: [Int] = [], silencedCell: [Int] = []) {
        self.clamps = clamps
        self.silencedHidden = silencedHidden
        self.silencedCell = silencedCell
    }

    /// Whether nothing is changed.
    public var isEmpty: Bool { clamps.isEmpty && silencedHidden.isEmpty && silencedCell.isEmpty }

    /// The units any clamp or silencing touches, of a layer `hiddenSize` wide.
    func touchedUnits(hiddenSize: Int) -> [Int] {
        var touched = Set(silencedHidden + silencedCell)
        for clamp in clamps { touched.formUnion(clamp.units ?? Array(0..<hiddenSize)) }
        return touched.sorted()
    }
}

extension RecurrentLayer {
    /// After step `t`'s element-wise work for `rows`: recomputes each touched unit with its gates
    /// clamped, then silences units — with the engine's own functions, so an intervention that
    /// changes nothing leaves the same bits.
    func apply(_ intervention: LayerIntervention, at t: Int, rows: Range<Int>) {
        let H = hiddenSize, width = gateWidth
        let units = intervention.touchedUnits(hiddenSize: H)
        func clamped(_ gate: Int, _ unit: Int, _ value: Float) -> Float {
            intervention.clamps.last { $0.gate == gate && ($0.units?.contains(unit) ?? true) }?.value ?? value
        }
        for row in rows {
            let gates = self.gates(at: t) + row * width, hidden = self.hidden(at: t) + row * H
            let previousHidden = self.hidden(at: t - 1) + row * H
            for u in units where u < H {
                switch cell {
                case .rnn:
                    break
                case .lstm:
                    let i = clamped(0, u, gates[u]), f = clamped(1, u, gates[H + u])
                    let g = clamped(2, u, gates[2 * H + u]), o = clamped(3, u, gates[3 * H + u])
                    (gates[u], gates[H + u], gates[2 * H + u], gates[3 * H + u]) = (i, f, g, o)
                    let c = f * cellState(at: t - 1)[row * H + u] + i * g
                    cellState(at: t)[row * H + u] = c
                    hidden[u] = o * Activation.tanh(c)
                case .gru:
                    let r = clamped(0, u, gates[u]), z = clamped(1, u, gates[H + u])
                    let inputNew = preActivations(at: t)[row * width + 2 * H + u]
                    let recurrentNew = storage.candidate.pointer[(t * batch + row) * H + u]
                    let n = clamped(2, u, Activation.tanh(inputNew + r * recurrentNew))
                    (gates[u], gates[H + u], gates[2 * H + u]) = (r, z, n)
                    hidden[u] = (1 - z) * n + z * previousHidden[u]
                }
            }
            if cell.hasCellState {
                for u in intervention.silencedCell where u < H {
                    cellState(at: t)[row * H + u] = 0
                    hidden[u] = gates[3 * H + u] * Activation.tanh(0)
                }
            }
            for u in intervention.silencedHidden where u < H { hidden[u] = 0 }
        }
    }
}
