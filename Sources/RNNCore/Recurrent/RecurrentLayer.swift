/// One recurrent layer (RNN, LSTM or GRU) unrolled over a batch of sequences, with its own
/// forward and backward pass through time.
///
/// Sequences are stored time-major: `[steps][batch][features]`, so each step is one
/// contiguous `[batch][features]` block. The forward pass multiplies the inputs of all steps
/// by `W_ih` in one matrix product, then runs the recurrence step by step; the backward pass
/// runs the recurrence in reverse and forms the weight gradients with one product each.
/// Parameters follow PyTorch's `nn.RNN/LSTM/GRU`: `weight_ih_lK` is `[G·H][in]`,
/// `weight_hh_lK` is `[G·H][H]`, with both bias vectors, all from `U(−1/√H, 1/√H)`.
public final class RecurrentLayer {
    /// The cell computed at every step.
    public let cell: CellKind
    /// The width of `x_t`.
    public let inputSize: Int
    /// The width of `h_t`.
    public let hiddenSize: Int
    /// The layer's position in its stack (0 at the bottom), used in names and records.
    public let index: Int
    /// `W_ih`, `[G·H][inputSize]`.
    public let weightIH: Parameter
    /// `W_hh`, `[G·H][H]`.
    public let weightHH: Parameter
    /// `b_ih`, `[G·H]`.
    public let biasIH: Parameter
    /// `b_hh`, `[G·H]`.
    public let biasHH: Parameter

    /// The number of steps of the last forward pass.
    public private(set) var steps = 0
    /// The number of sequences of the last forward pass.
    public private(set) var batch = 0
    /// ‖∂L/∂h_t‖ over the whole batch for every step of the last backward pass.
    public private(set) var gradientNorms: [Float] = []

    private let weightIHT: TransposedWeight
    private let weightHHT: TransposedWeight
    private var input: UnsafePointer<Float>?
    /// The hot index of every input row of the last `forward`, when its rows are one-hot.
    private var hotIndices: [Int]?
    /// Input columns fed for every step at once by `feedLeadingInputs`, in step mode.
    private var leadingWidth = 0
    private var mask: UnsafePointer<Float>?
    /// Whether the last forward pass skipped the rows of ended sequences (`forward`).
    private var skipsEnded = false
    /// The rows whose gate gradients the last `finishBackward(rows:)` gathered, if it did.
    private var gatheredRows: [Range<Int>]?
    private var storage = RecurrentWorkspace()
    /// Whether each step runs the whole batch at once, its products shared between the
    /// threads by columns and its element-wise work by halves of the batch, rather than each
    /// half of the batch going through every step on its own thread (`BatchSplit`). The
    /// results are the same bits either way.
    var stepsWholeBatch: Bool

    /// Creates a layer with PyTorch's default initialisation, drawn from `generator` in the
    /// order `weight_ih, weight_hh, bias_ih, bias_hh`, named `prefix.weight_ih_l<index><suffix>`
    /// (PyTorch's suffix `_reverse` for the backward direction of a bidirectional layer).
    public init(
        cell: CellKind, inputSize: Int, hiddenSize: Int, index: Int = 0, prefix: String = "rnn", suffix: String = "",
        generator: inout SeededGenerator
    ) {
        self.cell = cell
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.index = index
        let rows = cell.gateCount * hiddenSize
        weightIH = Parameter(name: "\(prefix).weight_ih_l\(index)\(suffix)", shape: [rows, inputSize])
        weightHH = Parameter(name: "\(prefix).weight_hh_l\(index)\(suffix)", shape: [rows, hiddenSize])
        biasIH = Parameter(name: "\(prefix).bias_ih_l\(index)\(suffix)", shape: [rows])
        biasHH = Parameter(name: "\(prefix).bias_hh_l\(index)\(suffix)", shape: [rows])
        let bound = 1 / Float(hiddenSize).squareRoot()
        for parameter in [weightIH, weightHH, biasIH, biasHH] { generator.fillUniform(parameter.value, bound: bound) }
        weightIHT = TransposedWeight(weightIH)
        weightHHT = TransposedWeight(weightHH)
        stepsWholeBatch = BatchSplit.stepsWholeBatch(hiddenSize: hiddenSize, gateWidth: rows)
    }

    /// Creates a layer like `original` that reads its parameters' values (and shares their
    /// transposes) and accumulates gradients of its own (`Parameter.init(sharingValueOf:)`).
    init(sharingParametersOf original: RecurrentLayer) {
        cell = original.cell
        inputSize = original.inputSize
        hiddenSize = original.hiddenSize
        index = original.index
        weightIH = Parameter(sharingValueOf: original.weightIH)
        weightHH = Parameter(sharingValueOf: original.weightHH)
        biasIH = Parameter(sharingValueOf: original.biasIH)
        biasHH = Parameter(sharingValueOf: original.biasHH)
        weightIHT = original.weightIHT
        weightHHT = original.weightHHT
        stepsWholeBatch = original.stepsWholeBatch
    }

    /// The trainable parameters in PyTorch's `state_dict` order.
    public var parameters: [Parameter] { [weightIH, weightHH, biasIH, biasHH] }

    /// The cached transposes of the weights.
    var transposes: [TransposedWeight] { [weightIHT, weightHHT] }

    private var gateWidth: Int { cell.gateCount * hiddenSize }

    // MARK: Results of the last forward pass

    /// `h_t` for every step, `[steps][batch][H]`.
    public var outputs: UnsafeMutablePointer<Float> { storage.hidden.pointer + batch * hiddenSize }
    /// `h_t` at step `t` (`t = -1` is the initial state), `[batch][H]`.
    public func hidden(at t: Int) -> UnsafeMutablePointer<Float> {
        storage.hidden.pointer + (t + 1) * batch * hiddenSize
    }
    /// `c_t` at step `t` (`t = -1` is the initial state), `[batch][H]`; LSTM only.
    public func cellState(at t: Int) -> UnsafeMutablePointer<Float> {
        storage.cell.pointer + (t + 1) * batch * hiddenSize
    }
    /// The gate activations at step `t`, `[batch][G·H]` (LSTM `i f g o`, GRU `r z n`).
    public func gates(at t: Int) -> UnsafeMutablePointer<Float> { storage.gates.pointer + t * batch * gateWidth }
    /// What the gates are computed from at step `t`, `[batch][G·H]`: the pre-activations
    /// (LSTM, RNN), or the GRU's input part `W_i· x + b_i·`.
    private func preActivations(at t: Int) -> UnsafeMutablePointer<Float> {
        storage.preActivations.pointer + t * batch * gateWidth
    }
    /// The gradient with respect to the initial hidden state, after `backward`.
    public var initialHiddenGradient: UnsafeMutablePointer<Float> { storage.carryHidden.pointer }
    /// The gradient with respect to the initial cell state (LSTM), after `backward`.
    public var initialCellGradient: UnsafeMutablePointer<Float> { storage.cellCarry(at: 0, of: steps).written }

    // MARK: Forward

    /// Runs the layer over `steps × batch` inputs (`[steps][batch][inputSize]`) from the given
    /// initial state (zero when `nil`), and returns `h_t` for every step (`[steps][batch][H]`).
    ///
    /// - Parameters:
    ///   - mask: `[steps][batch]`, 1 where a sequence has a token and 0 where it is padded; at
    ///     padded steps the state is carried over unchanged, so the state after the last step
    ///     is each sequence's state after its own last token.
    ///   - skippingEnded: with a mask whose sequences have their tokens first, whether each
    ///     step computes only the rows up to the last sequence that still has a token
    ///     (`activeRows(at:within:)`): the outputs of padded steps are then unspecified, but
    ///     the final state, every real step and every gradient are the same. Ignored when
    ///     recording.
    ///   - hotIndices: when every input row is one-hot (characters), the index of its one,
    ///     `[steps][batch]`: the input product is then a lookup of rows of `W_ihᵀ`, and the
    ///     gradient of `W_ih` a sum of gradient rows, with the same bits.
    ///
    /// The input and mask must stay unchanged until `backward`; results stay valid until the
    /// next forward.
    @discardableResult
    public func forward(
        _ input: UnsafePointer<Float>, steps: Int, batch: Int,
        initialHidden: UnsafePointer<Float>? = nil, initialCell: UnsafePointer<Float>? = nil,
        mask: UnsafePointer<Float>? = nil, skippingEnded: Bool = false, hotIndices: [Int]? = nil,
        recorder: (any StepRecorder)? = nil
    ) -> UnsafeMutablePointer<Float> {
        prepare(steps: steps, batch: batch, initialHidden: initialHidden, initialCell: initialCell, mask: mask)
        skipsEnded = skippingEnded && mask != nil && recorder == nil
        self.input = input
        self.hotIndices = hotIndices
        if let hotIndices {
            precondition(hotIndices.count == steps * batch, "\(hotIndices.count) hot indices for \(steps * batch) rows")
            precondition(hotIndices.allSatisfy { (0..<inputSize).contains($0) }, "a hot index outside 0..<\(inputSize)")
            assert(OneHot.matches(input, indices: hotIndices, classes: inputSize), "the input rows are not one-hot at the hot indices")
            OneHot.lookUp(
                hotIndices, weightT: weightIHT.transposed(), width: gateWidth,
                startingFrom: storage.combinedBias.pointer, into: storage.preActivations.pointer)
        } else {
            projectInputs(input, rows: steps * batch, into: storage.preActivations.pointer, inputT: weightIHT.transposed())
        }
        let recurrentT = weightHHT.transposed()
        let parts = recorder == nil ? stepParts(batch: batch) : [0..<batch]
        BatchSplit.run(parts) { _, rows in
            for t in 0..<steps {
                let active = activeRows(at: t, within: rows)
                if active.isEmpty { break }
                advance(to: t, rows: active, recurrentT: recurrentT, recorder: recorder)
            }
            if skipsEnded { keepFinalStates(of: rows) }
        }
        return outputs
    }

    /// The rows of `rows` that step `t` computes: all of them, or, when skipping ended
    /// sequences, from the first to the last that still has a token at step `t` (the rows
    /// after it have ended, and stay ended at every later step).
    private func activeRows(at t: Int, within rows: Range<Int>) -> Range<Int> {
        guard skipsEnded, let mask else { return rows }
        let stepMask = mask + t * batch
        return rows.throughLast { stepMask[$0] != 0 }
    }

    /// Copies the state of each of `rows` after its last computed step to the last step, where
    /// `carryOverPadding` would have carried it.
    private func keepFinalStates(of rows: Range<Int>) {
        let H = hiddenSize, last = steps - 1
        for row in rows {
            var computed = last
            while computed >= 0 && activeRows(at: computed, within: rows).upperBound <= row { computed -= 1 }
            guard computed < last else { continue }
            (hidden(at: last) + row * H).update(from: hidden(at: computed) + row * H, count: H)
            if cell.hasCellState { (cellState(at: last) + row * H).update(from: cellState(at: computed) + row * H, count: H) }
        }
    }

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

    private func prepare(
        steps: Int, batch: Int, initialHidden: UnsafePointer<Float>?, initialCell: UnsafePointer<Float>?,
        mask: UnsafePointer<Float>?
    ) {
        self.steps = steps
        self.batch = batch
        self.mask = mask
        skipsEnded = false
        let stateCount = batch * hiddenSize
        storage.reserve(cell: cell, steps: steps, batch: batch, hidden: hiddenSize, gateWidth: gateWidth)
        setInitial(storage.hidden.pointer, from: initialHidden, count: stateCount)
        if cell.hasCellState { setInitial(storage.cell.pointer, from: initialCell, count: stateCount) }
        let bias = storage.combinedBias.reserve(gateWidth)
        bias.update(from: biasIH.value.pointer, count: gateWidth)
        if cell != .gru { for j in 0..<gateWidth { bias[j] = bias[j] + biasHH.value[j] } }
    }

    /// Input contributions of `rows` rows at once: `G = b_ih (+ b_hh) + X·W_ihᵀ`; `inputT` is `W_ihᵀ`.
    private func projectInputs(
        _ x: UnsafePointer<Float>, rows: Int, into sums: UnsafeMutablePointer<Float>, inputT: UnsafePointer<Float>
    ) {
        MatrixMultiply.multiply(
            m: rows, n: gateWidth, k: inputSize, a: .rowMajor(x, leadingDimension: inputSize),
            b: inputT, ldb: gateWidth, c: sums, ldc: gateWidth, startingFrom: storage.combinedBias.pointer)
    }

    /// The recurrent part of step `t` for the sequences `rows`, once their input contributions
    /// are in `preActivations(at: t)`. `recurrentT` is `W_hhᵀ`.
    private func advance(
        to t: Int, rows: Range<Int>, recurrentT: UnsafePointer<Float>, recorder: (any StepRecorder)?
    ) {
        let H = hiddenSize, width = gateWidth, count = rows.count, first = rows.lowerBound
        let previous = UnsafePointer(hidden(at: t - 1) + first * H)
        if cell == .gru {
            MatrixMultiply.multiply(
                m: count, n: width, k: H, a: .rowMajor(previous, leadingDimension: H),
                b: recurrentT, ldb: width, c: storage.recurrentPart.pointer + first * width, ldc: width,
                startingFrom: biasHH.value.pointer)
        } else {
            MatrixMultiply.multiply(
                m: count, n: width, k: H, a: .rowMajor(previous, leadingDimension: H),
                b: recurrentT, ldb: width, c: preActivations(at: t) + first * width, ldc: width, accumulate: true)
        }
        BatchSplit.run(recorder == nil ? cellParts(rows) : [rows]) { _, part in
            cellForward(at: t, rows: part, recording: recorder != nil)
        }
        if let mask { carryOverPadding(at: t, rows: rows, mask: mask + t * batch) }
        if let recorder { record(step: t, to: recorder) }
    }

    /// The element-wise part of step `t` for the sequences `rows`, once the recurrent product is
    /// formed: the gates, `c_t` and `h_t`.
    private func cellForward(at t: Int, rows: Range<Int>, recording: Bool) {
        let H = hiddenSize, width = gateWidth, count = rows.count, first = rows.lowerBound
        let previous = UnsafePointer(hidden(at: t - 1) + first * H), hidden = self.hidden(at: t) + first * H
        let sums = preActivations(at: t) + first * width, gates = self.gates(at: t) + first * width
        let stateOffset = t * batch * H + first * H
        switch cell {
        case .rnn, .lstm:
            if cell == .rnn {
                CellMath.rnnForward(sums, hidden: hidden, count: count * H)
            } else {
                CellMath.lstmForward(
                    sums, gates: gates, previousCell: cellState(at: t - 1) + first * H, cell: cellState(at: t) + first * H,
                    cellTanh: storage.cellTanh.pointer + stateOffset, hidden: hidden, batch: count, hiddenSize: H)
            }
        case .gru:
            let recurrent = storage.recurrentPart.pointer + first * width
            if recording {
                CellMath.gruPreActivations(
                    sums, recurrent: recurrent, into: storage.recordedPreActivations.reserve(count * width),
                    batch: count, hiddenSize: H)
            }
            CellMath.gruForward(
                sums, recurrent: recurrent, gates: gates, candidate: storage.candidate.pointer + stateOffset,
                previous: previous, hidden: hidden, batch: count, hiddenSize: H)
        }
    }

    /// `rows` in the parts whose element-wise work runs side by side: two halves when the layer
    /// steps its whole batch at once (its products are then shared between the threads by
    /// columns), else `rows` whole.
    private func cellParts(_ rows: Range<Int>) -> [Range<Int>] {
        guard stepsWholeBatch, rows.count >= 2 else { return [rows] }
        let middle = rows.lowerBound + rows.count / 2
        return [rows.lowerBound..<middle, middle..<rows.upperBound]
    }

    /// The parts of a batch of `batch` sequences whose steps run side by side: its halves, or
    /// the whole batch when the layer steps it at once (`stepsWholeBatch`).
    private func stepParts(batch: Int) -> [Range<Int>] {
        stepsWholeBatch ? [0..<batch] : BatchSplit.ranges(batch: batch, hiddenSize: hiddenSize, gateWidth: gateWidth)
    }

    /// Padded rows keep the previous state.
    private func carryOverPadding(at t: Int, rows: Range<Int>, mask: UnsafePointer<Float>) {
        for row in rows where mask[row] == 0 {
            (hidden(at: t) + row * hiddenSize).update(from: hidden(at: t - 1) + row * hiddenSize, count: hiddenSize)
            if cell.hasCellState {
                (cellState(at: t) + row * hiddenSize).update(from: cellState(at: t - 1) + row * hiddenSize, count: hiddenSize)
            }
        }
    }

    private func setInitial(_ destination: UnsafeMutablePointer<Float>, from source: UnsafePointer<Float>?, count: Int) {
        if let source { destination.update(from: source, count: count) } else { destination.update(repeating: 0, count: count) }
    }

    private func record(step t: Int, to recorder: any StepRecorder) {
        let stateCount = batch * hiddenSize
        func view(_ pointer: UnsafeMutablePointer<Float>, _ count: Int) -> UnsafeBufferPointer<Float> {
            UnsafeBufferPointer(start: pointer, count: count)
        }
        recorder.record(
            StepRecord(
                layer: index, step: t, batch: batch, inputSize: inputSize, hiddenSize: hiddenSize, cell: cell,
                input: UnsafeBufferPointer(start: input! + t * batch * inputSize, count: batch * inputSize),
                previousHidden: view(hidden(at: t - 1), stateCount),
                preActivations: view(
                    cell == .gru ? storage.recordedPreActivations.pointer : preActivations(at: t), batch * gateWidth),
                activations: cell == .rnn ? view(gates(at: t), 0) : view(gates(at: t), batch * gateWidth),
                cellState: cell.hasCellState ? view(cellState(at: t), stateCount) : view(cellState(at: t), 0),
                hidden: view(hidden(at: t), stateCount)))
    }

    // MARK: Backward

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
    private func backwardCell(at t: Int, rows: Range<Int>, outputGradient: UnsafePointer<Float>?) -> Float {
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
    private func backwardRecurrent(at t: Int, rows: Range<Int>) {
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
    private func stepGradients(at t: Int, from first: Int) -> (
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

    /// The rows of `rows` padded at step `t`, counted from `rows.lowerBound`.
    private func paddedRows(at t: Int, rows: Range<Int>) -> [Int] {
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
    private func inputGradient(rows: Range<Int>, columns: Range<Int>) -> UnsafeMutablePointer<Float> {
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
