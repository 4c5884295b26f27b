/// The element-wise part of each cell's forward and backward step.
///
/// Gate blocks of a `[batch][G·H]` row sit side by side: LSTM `i f g o`, GRU `r z n`; states
/// are `[batch][H]`. Matrix products happen in `RecurrentLayer`; these loops only combine their
/// results, sixteen columns of a row at a time (`RowChunks`). Every lane computes what a scalar
/// loop would, by the same operations in the same order, so results are the same bits.
enum CellMath {
    // MARK: Forward

    /// RNN: `h = tanh(a)`.
    static func rnnForward(_ preActivation: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>, count: Int) {
        Activation.tanh(preActivation, hidden, count: count)
    }

    /// LSTM: the gate activations from their pre-activations, then `c_t`, `tanh(c_t)` and `h_t`.
    static func lstmForward(
        _ preActivations: UnsafePointer<Float>, gates: UnsafeMutablePointer<Float>, previousCell: UnsafePointer<Float>,
        cell: UnsafeMutablePointer<Float>, cellTanh: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>,
        batch: Int, hiddenSize H: Int
    ) {
        for (row, j, chunk) in RowChunks(rows: batch, width: H) {
            let a = preActivations + row * 4 * H + j, g = gates + row * 4 * H + j, state = row * H + j
            let input = Activation.sigmoid(chunk.load(a)), forget = Activation.sigmoid(chunk.load(a + H))
            let candidate = Activation.tanh(chunk.load(a + 2 * H)), output = Activation.sigmoid(chunk.load(a + 3 * H))
            let c = forget * chunk.load(previousCell + state) + input * candidate
            let squashed = Activation.tanh(c)
            chunk.store(input, g)
            chunk.store(forget, g + H)
            chunk.store(candidate, g + 2 * H)
            chunk.store(output, g + 3 * H)
            chunk.store(c, cell + state)
            chunk.store(squashed, cellTanh + state)
            chunk.store(output * squashed, hidden + state)
        }
    }

    /// GRU: from the input part of the pre-activations (`W_i· x + b_i·`) and the recurrent part
    /// (`W_h· h + b_h·`), the activations `r z n`, `W_hn h + b_hn` kept in `candidate`, and
    /// `h_t = (1 − z)⊙n + z⊙h_{t−1}`.
    static func gruForward(
        _ inputPart: UnsafePointer<Float>, recurrent: UnsafePointer<Float>, gates: UnsafeMutablePointer<Float>,
        candidate: UnsafeMutablePointer<Float>, previous: UnsafePointer<Float>, hidden: UnsafeMutablePointer<Float>,
        batch: Int, hiddenSize H: Int
    ) {
        for (row, j, chunk) in RowChunks(rows: batch, width: H) {
            let x = inputPart + row * 3 * H + j, r = recurrent + row * 3 * H + j
            let g = gates + row * 3 * H + j, state = row * H + j
            let reset = Activation.sigmoid(chunk.load(x) + chunk.load(r))
            let update = Activation.sigmoid(chunk.load(x + H) + chunk.load(r + H))
            let recurrentNew = chunk.load(r + 2 * H)
            let new = Activation.tanh(chunk.load(x + 2 * H) + reset * recurrentNew)
            chunk.store(reset, g)
            chunk.store(update, g + H)
            chunk.store(new, g + 2 * H)
            chunk.store(recurrentNew, candidate + state)
            chunk.store((1 - update) * new + update * chunk.load(previous + state), hidden + state)
        }
    }

    /// GRU pre-activations `r z n` for a recorder, from the input and recurrent parts.
    static func gruPreActivations(
        _ gates: UnsafePointer<Float>, recurrent: UnsafePointer<Float>, into result: UnsafeMutablePointer<Float>,
        batch: Int, hiddenSize H: Int
    ) {
        for row in 0..<batch {
            let g = gates + row * 3 * H, r = recurrent + row * 3 * H, out = result + row * 3 * H
            for j in 0..<H {
                out[j] = g[j] + r[j]
                out[H + j] = g[H + j] + r[H + j]
                out[2 * H + j] = g[2 * H + j] + Activation.sigmoid(out[j]) * r[2 * H + j]
            }
        }
    }

    // MARK: Backward

    /// Writes `carried + fromAbove` into `result` and returns the sum of its squares (summed
    /// in sixteen lanes, then across them).
    static func addGradients(
        _ carried: UnsafePointer<Float>, _ fromAbove: UnsafePointer<Float>?, into result: UnsafeMutablePointer<Float>,
        count: Int
    ) -> Float {
        var squares = SIMD16<Float>(repeating: 0)
        for (_, j, chunk) in RowChunks(count: count) {
            var sum = chunk.load(carried + j)
            if let fromAbove { sum = sum + chunk.load(fromAbove + j) }
            chunk.store(sum, result + j)
            let real = chunk.masked(sum)
            squares = squares + real * real
        }
        return squares.sum()
    }

    /// RNN: `∂L/∂a = ∂L/∂h ⊙ (1 − h²)`.
    static func rnnBackward(
        _ hiddenGradient: UnsafePointer<Float>, hidden: UnsafePointer<Float>, gateGradient: UnsafeMutablePointer<Float>,
        count: Int
    ) {
        for (_, j, chunk) in RowChunks(count: count) {
            let h = chunk.load(hidden + j)
            chunk.store(chunk.load(hiddenGradient + j) * (1 - h * h), gateGradient + j)
        }
    }

    /// LSTM: gate pre-activation gradients from ∂L/∂h_t and the carried ∂L/∂c_t
    /// (`cellGradient`); writes ∂L/∂c_{t−1} to `previousCellGradient`.
    static func lstmBackward(
        _ hiddenGradient: UnsafePointer<Float>, cellGradient: UnsafePointer<Float>,
        previousCellGradient: UnsafeMutablePointer<Float>, gates: UnsafePointer<Float>,
        previousCell: UnsafePointer<Float>, cellTanh: UnsafePointer<Float>, gateGradient: UnsafeMutablePointer<Float>,
        batch: Int, hiddenSize H: Int
    ) {
        for (row, j, chunk) in RowChunks(rows: batch, width: H) {
            let g = gates + row * 4 * H + j, d = gateGradient + row * 4 * H + j, state = row * H + j
            let input = chunk.load(g), forget = chunk.load(g + H)
            let candidate = chunk.load(g + 2 * H), output = chunk.load(g + 3 * H)
            let dh = chunk.load(hiddenGradient + state), squashed = chunk.load(cellTanh + state)
            let dc = chunk.load(cellGradient + state) + dh * output * (1 - squashed * squashed)
            chunk.store(dc * candidate * input * (1 - input), d)
            chunk.store(dc * chunk.load(previousCell + state) * forget * (1 - forget), d + H)
            chunk.store(dc * input * (1 - candidate * candidate), d + 2 * H)
            chunk.store(dh * squashed * output * (1 - output), d + 3 * H)
            chunk.store(dc * forget, previousCellGradient + state)
        }
    }

    /// GRU: gradients of the input-side and recurrent-side pre-activations (they differ only in
    /// `n`, where the recurrent side is scaled by `r`), and the direct path `z⊙∂L/∂h_t` into
    /// `previousGradient`.
    static func gruBackward(
        _ hiddenGradient: UnsafePointer<Float>, gates: UnsafePointer<Float>, candidate: UnsafePointer<Float>,
        previous: UnsafePointer<Float>, inputGateGradient: UnsafeMutablePointer<Float>,
        recurrentGateGradient: UnsafeMutablePointer<Float>, previousGradient: UnsafeMutablePointer<Float>,
        batch: Int, hiddenSize H: Int
    ) {
        for (row, j, chunk) in RowChunks(rows: batch, width: H) {
            let g = gates + row * 3 * H + j, state = row * H + j
            let dx = inputGateGradient + row * 3 * H + j, dr = recurrentGateGradient + row * 3 * H + j
            let reset = chunk.load(g), update = chunk.load(g + H), new = chunk.load(g + 2 * H)
            let dh = chunk.load(hiddenGradient + state)
            let dNew = dh * (1 - update) * (1 - new * new)
            let dUpdate = dh * (chunk.load(previous + state) - new) * update * (1 - update)
            let dReset = dNew * chunk.load(candidate + state) * reset * (1 - reset)
            chunk.store(dReset, dx)
            chunk.store(dUpdate, dx + H)
            chunk.store(dNew, dx + 2 * H)
            chunk.store(dReset, dr)
            chunk.store(dUpdate, dr + H)
            chunk.store(dNew * reset, dr + 2 * H)
            chunk.store(dh * update, previousGradient + state)
        }
    }
}
