/// Backpropagation through time, for a whole sequence (`backward`) or a step at a time
/// (`beginBackward`, `backwardStep`, `finishBackward`), and the gradients of the input.
extension RecurrentLayer {
    /// Backpropagates through time and returns ∂L/∂x for every step (`[steps][batch][in]`),
    /// valid until the next call, or `nil` when `inputGradient` is false.
    ///
    /// - Parameters:
    ///   - outputGradient: ∂L/∂h_t from above for every step (`[steps][batch][H]`), or `nil` for none.
    ///   - finalHiddenGradient: ∂L/∂h_T from a consumer of the final state (`[batch][H]`).
    ///   - finalCellGradient: ∂L/∂c_T (LSTM).
    ///   - inputGradient: whether to compute ∂L/∂x (not needed for the first layer of one-hot input).
    ///
    /// Parameter gradients are added to `gradient` of each parameter. Afterwards
    /// `initialHiddenGradient`, `initialCellGradient` and `gradientNorms` hold their values.
    @discardableResult
    public func backward(
        outputGradient: UnsafePointer<Float>?, finalHiddenGradient: UnsafePointer<Float>? = nil,
        finalCellGradient: UnsafePointer<Float>? = nil, inputGradient: Bool = true
    ) -> UnsafeMutablePointer<Float>? {
        beginBackward(finalHiddenGradient: finalHiddenGradient, finalCellGradient: finalCellGradient)
        let stateCount = batch * hiddenSize, steps = steps
        let parts = stepParts(batch: batch)
        // Each part's sums of squares of ∂L/∂h_t, added in part order afterwards.
        let squares = storage.stepSquares.reserve(parts.count * steps)
        BatchSplit.run(parts) { part, rows in
            for t in stride(from: steps - 1, through: 0, by: -1) {
                let active = activeRows(at: t, within: rows), stepGradient = outputGradient.map { $0 + t * stateCount }
                let skipped = active.upperBound..<rows.upperBound
                var sum: Float = 0
                if !skipped.isEmpty { sum = passThrough(at: t, rows: skipped, outputGradient: stepGradient) }
                if !active.isEmpty { sum += backwardStep(at: t, rows: active, outputGradient: stepGradient) }
                squares[part * steps + t] = sum
            }
        }
        for t in 0..<steps {
            setGradientNorm(at: t, partSquares: parts.indices.map { squares[$0 * steps + t] })
        }
        // The steps skipped for ended sequences have zero gate gradients: the sums leave them out.
        let computed = skipsEnded
            ? Self.gridRows(steps: steps, batch: batch, parts: parts) { activeRows(at: $0, within: $1) } : nil
        finishBackward(rows: computed)
        guard inputGradient else { return nil }
        let result = storage.inputGradient.pointer
        self.inputGradient(rows: computed, columns: 0..<inputSize, into: result)
        return result
    }

    /// Starts a backward pass that goes one step at a time, from the last step down to 0:
    /// `backwardStep(at:outputGradient:)`, optionally `inputGradient(at:)`, then `finishBackward()`.
    public func beginBackward(finalHiddenGradient: UnsafePointer<Float>? = nil, finalCellGradient: UnsafePointer<Float>? = nil) {
        precondition(input != nil, "RecurrentLayer backward before forward")
        let stateCount = batch * hiddenSize
        storage.reserveBackward(
            cell: cell, steps: steps, batch: batch, hidden: hiddenSize, gateWidth: gateWidth, input: inputSize)
        setInitial(storage.carryHidden.pointer, from: finalHiddenGradient, count: stateCount)
        if cell.hasCellState { setInitial(storage.carryCell.pointer, from: finalCellGradient, count: stateCount) }
        gradientNorms = Array(repeating: 0, count: steps)
    }

    /// Adds ∂L/∂h_t from above (`[batch][H]`, or `nil`) to the gradient carried from step t+1
    /// and backpropagates through step `t`, leaving the gradient for step t−1 carried.
    public func backwardStep(at t: Int, outputGradient: UnsafePointer<Float>?) {
        setGradientNorm(at: t, partSquares: [backwardStep(at: t, rows: 0..<batch, outputGradient: outputGradient)])
    }

    /// `backwardStep(at:outputGradient:)` for the sequences `rows` only; returns the sum of
    /// squares of their ∂L/∂h_t. `outputGradient` is for the whole batch.
    func backwardStep(at t: Int, rows: Range<Int>, outputGradient: UnsafePointer<Float>?) -> Float {
        let parts = cellParts(rows)
        let squares = withUnsafeTemporaryAllocation(of: Float.self, capacity: parts.count) { sums in
            BatchSplit.run(parts) { index, part in sums[index] = backwardCell(at: t, rows: part, outputGradient: outputGradient) }
            return sums.reduce(0, +)
        }
        backwardRecurrent(at: t, rows: rows)
        return squares
    }

    /// The element-wise part of `backwardStep(at:rows:outputGradient:)`: ∂L/∂h_t, then the gate
    /// gradients (and the GRU's direct path to ∂L/∂h_{t−1}); returns the sum of squares of ∂L/∂h_t.
    func backwardCell(at t: Int, rows: Range<Int>, outputGradient: UnsafePointer<Float>?) -> Float {
        let H = hiddenSize, width = gateWidth, count = rows.count, first = rows.lowerBound
        let (carryHidden, hiddenGradient, cellGradient, previousCellGradient, gx, gh) = stepGradients(at: t, from: first)
        let squares = CellMath.addGradients(
            carryHidden, outputGradient.map { $0 + first * H }, into: hiddenGradient, count: count * H)
        let stateOffset = t * batch * H + first * H
        switch cell {
        case .rnn:
            CellMath.rnnBackward(hiddenGradient, hidden: hidden(at: t) + first * H, gateGradient: gx, count: count * H)
        case .lstm:
            CellMath.lstmBackward(
                hiddenGradient, cellGradient: cellGradient, previousCellGradient: previousCellGradient,
                gates: gates(at: t) + first * width,
                previousCell: cellState(at: t - 1) + first * H, cellTanh: storage.cellTanh.pointer + stateOffset,
                gateGradient: gx, batch: count, hiddenSize: H)
        case .gru:
            CellMath.gruBackward(
                hiddenGradient, gates: gates(at: t) + first * width, candidate: storage.candidate.pointer + stateOffset,
                previous: hidden(at: t - 1) + first * H, inputGateGradient: gx, recurrentGateGradient: gh,
                previousGradient: carryHidden, batch: count, hiddenSize: H)
        }
        for row in paddedRows(at: t, rows: rows) {
            // A padded step copied the state: its gradient passes straight through.
            (gx + row * width).update(repeating: 0, count: width)
            (gh + row * width).update(repeating: 0, count: width)
            (carryHidden + row * H).update(repeating: 0, count: H)
        }
        return squares
    }

    /// The rest of `backwardStep(at:rows:outputGradient:)`: ∂L/∂h_{t−1} through `W_hh` (added
    /// to the GRU's direct path), and padded rows' gradients passed straight through.
    func backwardRecurrent(at t: Int, rows: Range<Int>) {
        let H = hiddenSize, width = gateWidth
        let (carryHidden, hiddenGradient, cellGradient, previousCellGradient, _, gh) = stepGradients(at: t, from: rows.lowerBound)
        MatrixMultiply.multiply(
            m: rows.count, n: H, k: width, a: .rowMajor(gh, leadingDimension: width),
            b: weightHH.value.pointer, ldb: H, c: carryHidden, ldc: H, accumulate: cell == .gru)
        for row in paddedRows(at: t, rows: rows) {
            (carryHidden + row * H).update(from: hiddenGradient + row * H, count: H)
            if cell.hasCellState { (previousCellGradient + row * H).update(from: cellGradient + row * H, count: H) }
        }
    }

    /// The gradients of backward step `t` for the sequences from row `first` on: ∂L/∂h carried
    /// to step t−1, ∂L/∂h_t, ∂L/∂c read and ∂L/∂c written (LSTM), and the gate gradients of
    /// the input and the recurrent part (the same for all but the GRU).
    func stepGradients(at t: Int, from first: Int) -> (
        carryHidden: UnsafeMutablePointer<Float>, hiddenGradient: UnsafeMutablePointer<Float>,
        cellGradient: UnsafeMutablePointer<Float>, previousCellGradient: UnsafeMutablePointer<Float>,
        gx: UnsafeMutablePointer<Float>, gh: UnsafeMutablePointer<Float>
    ) {
        let H = hiddenSize, gates = (t * batch + first) * gateWidth
        let cellCarry = storage.cellCarry(at: t, of: steps)
        let gx = storage.gateGradientX.pointer + gates
        return (
            storage.carryHidden.pointer + first * H, storage.stepGradient.pointer + first * H,
            cellCarry.read + first * H, cellCarry.written + first * H,
            gx, cell == .gru ? storage.gateGradientH.pointer + gates : gx)
    }

    /// ∂L/∂x_t (`[batch][inputSize]`) once `backwardStep(at: t)` has run; valid until the next call.
    public func inputGradient(at t: Int) -> UnsafeMutablePointer<Float> {
        inputGradient(at: t, columns: 0..<inputSize)
    }

    /// Columns `columns` of ∂L/∂x_t once `backwardStep(at: t)` has run, in place in the
    /// `[batch][inputSize]` block of step `t` (the result points at column `columns.lowerBound`
    /// of its first row; rows are `inputSize` apart). Each value is the same as `inputGradient(at:)`'s.
    public func inputGradient(at t: Int, columns: Range<Int>) -> UnsafeMutablePointer<Float> {
        inputGradient(rows: t * batch..<(t + 1) * batch, columns: columns)
    }

    /// ∂L/∂x for rows `rows` of `[steps·batch][inputSize]` and columns `columns`: `dG · W_ih`.
    func inputGradient(rows: Range<Int>, columns: Range<Int>) -> UnsafeMutablePointer<Float> {
        let result = storage.inputGradient.pointer + rows.lowerBound * inputSize + columns.lowerBound
        MatrixMultiply.multiply(
            m: rows.count, n: columns.count, k: gateWidth,
            a: .rowMajor(storage.gateGradientX.pointer + rows.lowerBound * gateWidth, leadingDimension: gateWidth),
            b: weightIH.value.pointer + columns.lowerBound, ldb: inputSize, c: result, ldc: inputSize, accumulate: false)
        return result
    }

    /// Adds the weight and bias gradients of all steps, after the last `backwardStep`.
    public func finishBackward() { finishBackward(rows: nil) }

    /// Writes columns `columns` of ∂L/∂x for every step to `destination`
    /// (`[steps·batch][columns.count]`), after `finishBackward(rows:)` with the same `rows`:
    /// computed from the gathered gate gradients of those rows only, zero in every other row
    /// (whose gate gradients are zero); from every row when `rows` is `nil`. Each computed
    /// value is the same bits either way.
    func inputGradient(rows: [Range<Int>]?, columns: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
        let width = columns.count, weight = weightIH.value.pointer + columns.lowerBound
        guard let rows else {
            MatrixMultiply.multiply(
                m: steps * batch, n: width, k: gateWidth,
                a: .rowMajor(storage.gateGradientX.pointer, leadingDimension: gateWidth),
                b: weight, ldb: inputSize, c: destination, ldc: width, accumulate: false)
            return
        }
        precondition(rows == gatheredRows, "inputGradient(rows:) needs finishBackward(rows:) of the same rows first")
        let count = rows.reduce(0) { $0 + $1.count }
        let compact = storage.compactInputGradient.reserve(count * width)
        MatrixMultiply.multiply(
            m: count, n: width, k: gateWidth, a: .rowMajor(storage.compactGateGradientX.pointer, leadingDimension: gateWidth),
            b: weight, ldb: inputSize, c: compact, ldc: width, accumulate: false)
        var next = 0, end = 0
        for range in rows {
            (destination + end * width).update(repeating: 0, count: (range.lowerBound - end) * width)
            (destination + range.lowerBound * width).update(from: compact + next * width, count: range.count * width)
            next += range.count
            end = range.upperBound
        }
        (destination + end * width).update(repeating: 0, count: (steps * batch - end) * width)
    }

    /// `finishBackward()` from the rows `rows` of the `[steps·batch]` grid only (in increasing
    /// order), when the gate gradients of every other row are zero (rows that `passThrough`
    /// skipped): those rows are gathered into compact buffers first, so each sum leaves out
    /// only zero terms.
    func finishBackward(rows: [Range<Int>]?) {
        guard let input else { preconditionFailure("RecurrentLayer backward before forward") }
        gatheredRows = rows
        let width = gateWidth
        var count = steps * batch
        var gradX = UnsafePointer(storage.gateGradientX.pointer)
        var gradH = cell == .gru ? UnsafePointer(storage.gateGradientH.pointer) : gradX
        var inputs = input, states = UnsafePointer(storage.hidden.pointer)
        if let rows {
            count = rows.reduce(0) { $0 + $1.count }
            func gather(_ source: UnsafePointer<Float>, width: Int, into buffer: inout Workspace) -> UnsafePointer<Float> {
                let target = buffer.reserve(count * width)
                var next = 0
                for range in rows {
                    (target + next * width).update(from: source + range.lowerBound * width, count: range.count * width)
                    next += range.count
                }
                return UnsafePointer(target)
            }
            gradX = gather(gradX, width: width, into: &storage.compactGateGradientX)
            gradH = cell == .gru ? gather(gradH, width: width, into: &storage.compactGateGradientH) : gradX
            if hotIndices == nil { inputs = gather(inputs, width: inputSize, into: &storage.compactInputs) }
            states = gather(states, width: hiddenSize, into: &storage.compactStates)
        }
        if let hotIndices {
            let computed = rows.map { $0.flatMap { hotIndices[$0] } } ?? hotIndices
            OneHot.addGradient(gradX, indices: computed, width: width, classes: inputSize, into: weightIH.gradient.pointer)
        } else {
            MatrixMultiply.addTransposedProduct(
                gradX, lda: width, inputs, ldb: inputSize, into: weightIH.gradient.pointer, m: width, n: inputSize, k: count)
        }
        MatrixMultiply.addTransposedProduct(
            gradH, lda: width, states, ldb: hiddenSize, into: weightHH.gradient.pointer, m: width, n: hiddenSize, k: count)
        MatrixMultiply.addColumnSums(of: gradX, rows: count, columns: width, into: biasIH.gradient.pointer)
        MatrixMultiply.addColumnSums(of: gradH, rows: count, columns: width, into: biasHH.gradient.pointer)
    }
}
