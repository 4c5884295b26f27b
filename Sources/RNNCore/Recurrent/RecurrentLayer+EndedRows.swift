/// Skipping the rows of sequences that have ended: with a mask whose sequences have their tokens
/// first, a step computes only the rows up to the last sequence that still has a token, and the
/// backward pass lets the gradient of the skipped rows pass through unchanged.
extension RecurrentLayer {
    /// The rows of `rows` that step `t` computes: all of them, or, when skipping ended
    /// sequences, from the first to the last that still has a token at step `t` (the rows
    /// after it have ended, and stay ended at every later step).
    func activeRows(at t: Int, within rows: Range<Int>) -> Range<Int> {
        guard skipsEnded, let mask else { return rows }
        let stepMask = mask + t * batch
        return rows.throughLast { stepMask[$0] != 0 }
    }

    /// Copies the state of each of `rows` after its last computed step to the last step, where
    /// `carryOverPadding` would have carried it.
    func keepFinalStates(of rows: Range<Int>) {
        let H = hiddenSize, last = steps - 1
        for row in rows {
            var computed = last
            while computed >= 0 && activeRows(at: computed, within: rows).upperBound <= row { computed -= 1 }
            guard computed < last else { continue }
            (hidden(at: last) + row * H).update(from: hidden(at: computed) + row * H, count: H)
            if cell.hasCellState { (cellState(at: last) + row * H).update(from: cellState(at: computed) + row * H, count: H) }
        }
    }

    /// The rows of a `[steps·batch]` grid that a pass computed, in increasing order, adjacent
    /// ranges joined, when at step `t` it computed `active(t, part)` of each part of the batch.
    static func gridRows(
        steps: Int, batch: Int, parts: [Range<Int>], active: (Int, Range<Int>) -> Range<Int>
    ) -> [Range<Int>] {
        var rows: [Range<Int>] = []
        for t in 0..<steps {
            for part in parts {
                let active = active(t, part)
                guard !active.isEmpty else { continue }
                let range = t * batch + active.lowerBound..<t * batch + active.upperBound
                if let last = rows.last, last.upperBound == range.lowerBound {
                    rows[rows.count - 1] = last.lowerBound..<range.upperBound
                } else {
                    rows.append(range)
                }
            }
        }
        return rows
    }

    /// The rows of `rows` padded at step `t`, counted from `rows.lowerBound`.
    func paddedRows(at t: Int, rows: Range<Int>) -> [Int] {
        guard let mask else { return [] }
        return (0..<rows.count).filter { mask[t * batch + rows.lowerBound + $0] == 0 }
    }

    /// Backpropagates through step `t` for sequences `rows` that the step skipped (they had
    /// ended, or were skipped at every later step too), instead of
    /// `backwardStep(at:rows:outputGradient:)`: ∂L/∂h from above (`outputGradient`, for the
    /// whole batch) is added to the carried gradient, which passes through unchanged, as
    /// ∂L/∂c does; the step's gate gradients are zero. Returns the sum of squares of the
    /// rows' ∂L/∂h_t.
    func passThrough(at t: Int, rows: Range<Int>, outputGradient: UnsafePointer<Float>?) -> Float {
        let H = hiddenSize, width = gateWidth, offset = (t * batch + rows.lowerBound) * width
        let carry = storage.carryHidden.pointer + rows.lowerBound * H
        let squares = CellMath.addGradients(
            carry, outputGradient.map { $0 + rows.lowerBound * H }, into: carry, count: rows.count * H)
        (storage.gateGradientX.pointer + offset).update(repeating: 0, count: rows.count * width)
        if cell == .gru { (storage.gateGradientH.pointer + offset).update(repeating: 0, count: rows.count * width) }
        if cell.hasCellState {
            // ∂L/∂c alternates between two buffers: carry the rows into the one step t − 1 reads.
            let carryCell = storage.cellCarry(at: t, of: steps)
            (carryCell.written + rows.lowerBound * H).update(from: carryCell.read + rows.lowerBound * H, count: rows.count * H)
        }
        return squares
    }
}
