/// The element-wise part of each cell's forward and backward step, one batch row after another.
///
/// Gate blocks of a `[batch][G·H]` row sit side by side: LSTM `i f g o`, GRU `r z n`.
/// Matrix products happen in `RecurrentLayer`; these loops only combine their results.
enum CellMath {
    // MARK: Forward

    /// RNN: `h = tanh(a)`.
    static func rnnForward(_ preActivation: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>, count: Int) {
        Activation.tanh(preActivation, hidden, count: count)
    }

    /// LSTM: activates the gates in place and computes `c_t`, `tanh(c_t)` and `h_t`.
    ///
    /// The activations run over the whole batch at once: the candidate blocks are copied to
    /// `scratch` (`[batch][H]`) and squashed there, the sigmoid runs over every block, and the
    /// candidates are put back — fewer, longer vector loops, each value computed as before.
    static func lstmForward(
        _ gates: UnsafeMutablePointer<Float>, previousCell: UnsafePointer<Float>, cell: UnsafeMutablePointer<Float>,
        cellTanh: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>,
        batch: Int, hiddenSize H: Int
    ) {
        for row in 0..<batch { (scratch + row * H).update(from: gates + row * 4 * H + 2 * H, count: H) }
        Activation.tanh(scratch, scratch, count: batch * H)
        Activation.sigmoid(gates, gates, count: batch * 4 * H)
        for row in 0..<batch {
            let g = gates + row * 4 * H, state = row * H
            (g + 2 * H).update(from: scratch + state, count: H)
            let c = cell + state, previous = previousCell + state
            for j in 0..<H { c[j] = g[H + j] * previous[j] + g[j] * g[2 * H + j] }
        }
        Activation.tanh(cell, cellTanh, count: batch * H)
        for row in 0..<batch {
            let g = gates + row * 4 * H, squashed = cellTanh + row * H, h = hidden + row * H
            for j in 0..<H { h[j] = g[3 * H + j] * squashed[j] }
        }
    }

    /// GRU: from the input part (`gates`, holding `W_i· x + b_i·`) and the recurrent part
    /// (`W_h· h + b_h·`), activates `r z n` in place, keeps `W_hn h + b_hn` in `candidate`,
    /// and computes `h_t = (1 − z)⊙n + z⊙h_{t−1}`.
    ///
    /// As for the LSTM, the activations run over the whole batch at once, the `n` blocks being
    /// worked on in `scratch` (`[batch][H]`).
    static func gruForward(
        _ gates: UnsafeMutablePointer<Float>, recurrent: UnsafePointer<Float>, candidate: UnsafeMutablePointer<Float>,
        previous: UnsafePointer<Float>, hidden: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>,
        batch: Int, hiddenSize H: Int
    ) {
        for row in 0..<batch {
            let g = gates + row * 3 * H, r = recurrent + row * 3 * H
            for j in 0..<2 * H { g[j] = g[j] + r[j] }
            (scratch + row * H).update(from: g + 2 * H, count: H)
        }
        Activation.sigmoid(gates, gates, count: batch * 3 * H)
        for row in 0..<batch {
            let g = gates + row * 3 * H, r = recurrent + row * 3 * H
            let hn = candidate + row * H, n = scratch + row * H
            for j in 0..<H {
                hn[j] = r[2 * H + j]
                n[j] = n[j] + g[j] * hn[j]
            }
        }
        Activation.tanh(scratch, scratch, count: batch * H)
        for row in 0..<batch {
            let g = gates + row * 3 * H, h = hidden + row * H, before = previous + row * H
            (g + 2 * H).update(from: scratch + row * H, count: H)
            for j in 0..<H { h[j] = (1 - g[H + j]) * g[2 * H + j] + g[H + j] * before[j] }
        }
    }

    /// GRU pre-activations `r z n` for a recorder, computed before `gruForward` overwrites them.
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

    /// Writes `carried + fromAbove` into `result` and returns the sum of its squares.
    static func addGradients(
        _ carried: UnsafePointer<Float>, _ fromAbove: UnsafePointer<Float>?, into result: UnsafeMutablePointer<Float>,
        count: Int
    ) -> Float {
        if let fromAbove {
            for j in 0..<count { result[j] = carried[j] + fromAbove[j] }
        } else {
            result.update(from: carried, count: count)
        }
        var squares: Float = 0
        for j in 0..<count { squares = squares + result[j] * result[j] }
        return squares
    }

    /// RNN: `∂L/∂a = ∂L/∂h ⊙ (1 − h²)`.
    static func rnnBackward(
        _ hiddenGradient: UnsafePointer<Float>, hidden: UnsafePointer<Float>, gateGradient: UnsafeMutablePointer<Float>,
        count: Int
    ) {
        for j in 0..<count { gateGradient[j] = hiddenGradient[j] * (1 - hidden[j] * hidden[j]) }
    }

    /// LSTM: gate pre-activation gradients from ∂L/∂h_t and the carried ∂L/∂c_t; replaces
    /// `cellGradient` with ∂L/∂c_{t−1}.
    static func lstmBackward(
        _ hiddenGradient: UnsafePointer<Float>, cellGradient: UnsafeMutablePointer<Float>, gates: UnsafePointer<Float>,
        previousCell: UnsafePointer<Float>, cellTanh: UnsafePointer<Float>, gateGradient: UnsafeMutablePointer<Float>,
        batch: Int, hiddenSize H: Int
    ) {
        for row in 0..<batch {
            let g = gates + row * 4 * H, d = gateGradient + row * 4 * H, state = row * H
            for j in 0..<H {
                let input = g[j], forget = g[H + j], candidate = g[2 * H + j], output = g[3 * H + j]
                let dh = hiddenGradient[state + j], squashed = cellTanh[state + j]
                let dc = cellGradient[state + j] + dh * output * (1 - squashed * squashed)
                d[j] = dc * candidate * input * (1 - input)
                d[H + j] = dc * previousCell[state + j] * forget * (1 - forget)
                d[2 * H + j] = dc * input * (1 - candidate * candidate)
                d[3 * H + j] = dh * squashed * output * (1 - output)
                cellGradient[state + j] = dc * forget
            }
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
        for row in 0..<batch {
            let g = gates + row * 3 * H, dx = inputGateGradient + row * 3 * H, dr = recurrentGateGradient + row * 3 * H
            let state = row * H
            for j in 0..<H {
                let reset = g[j], update = g[H + j], new = g[2 * H + j]
                let dh = hiddenGradient[state + j]
                let dNew = dh * (1 - update) * (1 - new * new)
                let dUpdate = dh * (previous[state + j] - new) * update * (1 - update)
                let dReset = dNew * candidate[state + j] * reset * (1 - reset)
                dx[j] = dReset
                dx[H + j] = dUpdate
                dx[2 * H + j] = dNew
                dr[j] = dReset
                dr[H + j] = dUpdate
                dr[2 * H + j] = dNew * reset
                previousGradient[state + j] = dh * update
            }
        }
    }
}
