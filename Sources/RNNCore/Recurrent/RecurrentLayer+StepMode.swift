/// Step mode: a sequence fed one step at a time, for a decoder whose next input depends on its
/// last output; and the row ranges of a decoder whose steps run on several threads.
extension RecurrentLayer {
    /// Starts a sequence that is fed one step at a time with `step(_:at:)` — for a decoder,
    /// whose next input depends on its last output. `steps` is the most steps that will be fed.
    public func beginSteps(
        steps: Int, batch: Int, initialHidden: UnsafePointer<Float>? = nil, initialCell: UnsafePointer<Float>? = nil
    ) {
        prepare(steps: steps, batch: batch, initialHidden: initialHidden, initialCell: initialCell, mask: nil)
        input = UnsafePointer(storage.stepInputs.reserve(steps * batch * inputSize))
        hotIndices = nil
        leadingWidth = 0
        // Refreshed now, so that steps for different rows may run on different threads.
        _ = weightIHT.transposed()
        _ = weightHHT.transposed()
    }

    /// In step mode, feeds the first `width` columns of every step's input at once
    /// (`[steps][batch][width]`, all the steps begun), when they are known in advance — a
    /// decoder's embedded tokens under teacher forcing. Their part of the input product is
    /// computed for all steps in one product; each `step(trailing:at:)` then adds the rest.
    /// The result is the same as feeding whole inputs with `step(_:at:)`: each pre-activation
    /// still sums its terms in order, and the pre-activations hold the running sum exactly.
    public func feedLeadingInputs(_ leading: UnsafePointer<Float>, width: Int) {
        precondition(width <= inputSize, "\(width) leading columns of \(inputSize)")
        leadingWidth = width
        let rows = steps * batch, slots = storage.stepInputs.pointer
        for row in 0..<rows { (slots + row * inputSize).update(from: leading + row * width, count: width) }
        MatrixMultiply.multiply(
            m: rows, n: gateWidth, k: width, a: .rowMajor(slots, leadingDimension: inputSize),
            b: weightIHT.transposed(), ldb: gateWidth, c: storage.preActivations.pointer, ldc: gateWidth,
            startingFrom: storage.combinedBias.pointer)
    }

    /// Computes step `t` from the columns of `x_t` after those fed by `feedLeadingInputs`
    /// (`[batch][inputSize − width]`) and returns `h_t`. The input is copied.
    @discardableResult
    public func step(
        trailing x: UnsafePointer<Float>, at t: Int, recorder: (any StepRecorder)? = nil
    ) -> UnsafeMutablePointer<Float> {
        step(trailing: x, at: t, rows: 0..<batch, recorder: recorder)
        return hidden(at: t)
    }

    /// Computes step `t` (steps are fed in order from 0) from `x_t` (`[batch][inputSize]`) and
    /// returns `h_t`. The input is copied, so it may change after the call.
    @discardableResult
    public func step(
        _ x: UnsafePointer<Float>, at t: Int, recorder: (any StepRecorder)? = nil
    ) -> UnsafeMutablePointer<Float> {
        step(x, at: t, rows: 0..<batch, recorder: recorder)
        return hidden(at: t)
    }
}

// MARK: - Row ranges, for a decoder whose steps run on several threads (see `BatchSplit`)

extension RecurrentLayer {
    /// `step(trailing:at:)` for the sequences `rows` only. `x` is for the whole batch; only its
    /// rows `rows` are read. Calls for disjoint rows may run at the same time; a recorder
    /// needs the whole batch.
    func step(trailing x: UnsafePointer<Float>, at t: Int, rows: Range<Int>, recorder: (any StepRecorder)? = nil) {
        precondition(t < steps, "step \(t) beyond the \(steps) steps begun")
        precondition(recorder == nil || rows == 0..<batch, "a recorder sees whole steps")
        let width = inputSize - leadingWidth, first = rows.lowerBound
        let slot = storage.stepInputs.pointer + (t * batch + first) * inputSize + leadingWidth
        for row in 0..<rows.count { (slot + row * inputSize).update(from: x + (first + row) * width, count: width) }
        MatrixMultiply.multiply(
            m: rows.count, n: gateWidth, k: width, a: .rowMajor(slot, leadingDimension: inputSize),
            b: weightIHT.fresh + leadingWidth * gateWidth, ldb: gateWidth, c: preActivations(at: t) + first * gateWidth,
            ldc: gateWidth, accumulate: true)
        advance(to: t, rows: rows, recurrentT: weightHHT.fresh, recorder: recorder)
    }

    /// `step(_:at:)` for the sequences `rows` only, as `step(trailing:at:rows:)`.
    func step(_ x: UnsafePointer<Float>, at t: Int, rows: Range<Int>, recorder: (any StepRecorder)? = nil) {
        precondition(t < steps, "step \(t) beyond the \(steps) steps begun")
        precondition(recorder == nil || rows == 0..<batch, "a recorder sees whole steps")
        let first = rows.lowerBound
        let slot = storage.stepInputs.pointer + (t * batch + first) * inputSize
        slot.update(from: x + first * inputSize, count: rows.count * inputSize)
        projectInputs(slot, rows: rows.count, into: preActivations(at: t) + first * gateWidth, inputT: weightIHT.fresh)
        advance(to: t, rows: rows, recurrentT: weightHHT.fresh, recorder: recorder)
    }

    /// Rows `rows` of the columns `columns` of ∂L/∂x_t, laid out as `inputGradient(at:columns:)`
    /// (the result points at row 0 of step `t`; only the rows `rows` are written).
    func inputGradient(at t: Int, rows: Range<Int>, columns: Range<Int>) -> UnsafeMutablePointer<Float> {
        inputGradient(rows: t * batch + rows.lowerBound..<t * batch + rows.upperBound, columns: columns)
            - rows.lowerBound * inputSize
    }

    /// Sets ‖∂L/∂h_t‖ from the sums of squares that `backwardStep(at:rows:outputGradient:)`
    /// returned for parts of the batch, added in the order given.
    func setGradientNorm(at t: Int, partSquares: [Float]) {
        gradientNorms[t] = partSquares.reduce(0, +).squareRoot()
    }
}
