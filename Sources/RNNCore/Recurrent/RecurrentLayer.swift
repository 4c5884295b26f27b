import RNNTrace

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
    public internal(set) var steps = 0
    /// The number of sequences of the last forward pass.
    public internal(set) var batch = 0
    /// ‖∂L/∂h_t‖ over the whole batch for every step of the last backward pass.
    public internal(set) var gradientNorms: [Float] = []
    let weightIHT: TransposedWeight
    let weightHHT: TransposedWeight
    var input: UnsafePointer<Float>?
    /// The hot index of every input row of the last `forward`, when its rows are one-hot.
    var hotIndices: [Int]?
    /// Input columns fed for every step at once by `feedLeadingInputs`, in step mode.
    var leadingWidth = 0
    var mask: UnsafePointer<Float>?
    /// Whether the last forward pass skipped the rows of ended sequences (`forward`).
    var skipsEnded = false
    /// The rows whose gate gradients the last `finishBackward(rows:)` gathered, if it did.
    var gatheredRows: [Range<Int>]?
    var storage = RecurrentWorkspace()
    /// Whether each step runs the whole batch at once, its products shared between the
    /// threads by columns and its element-wise work by halves of the batch, rather than each
    /// half of the batch going through every step on its own thread (`BatchSplit`). The
    /// results are the same bits either way.
    var stepsWholeBatch: Bool
    /// A change to what the layer computes, for looking at a trained network ("what if the
    /// forget gate were 0?"); `nil` computes the cell as it is. Backward passes ignore it.
    public var intervention: LayerIntervention?

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

    var gateWidth: Int { cell.gateCount * hiddenSize }

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
    func preActivations(at t: Int) -> UnsafeMutablePointer<Float> {
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

    func prepare(
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
    func projectInputs(
        _ x: UnsafePointer<Float>, rows: Int, into sums: UnsafeMutablePointer<Float>, inputT: UnsafePointer<Float>
    ) {
        MatrixMultiply.multiply(
            m: rows, n: gateWidth, k: inputSize, a: .rowMajor(x, leadingDimension: inputSize),
            b: inputT, ldb: gateWidth, c: sums, ldc: gateWidth, startingFrom: storage.combinedBias.pointer)
    }

    /// The recurrent part of step `t` for the sequences `rows`, once their input contributions
    /// are in `preActivations(at: t)`. `recurrentT` is `W_hhᵀ`.
    func advance(
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
        if let intervention { apply(intervention, at: t, rows: rows) }
        if let mask { carryOverPadding(at: t, rows: rows, mask: mask + t * batch) }
        if let recorder { record(step: t, to: recorder) }
    }

    /// The element-wise part of step `t` for the sequences `rows`, once the recurrent product is
    /// formed: the gates, `c_t` and `h_t`.
    func cellForward(at t: Int, rows: Range<Int>, recording: Bool) {
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

    /// Padded rows keep the previous state.
    func carryOverPadding(at t: Int, rows: Range<Int>, mask: UnsafePointer<Float>) {
        for row in rows where mask[row] == 0 {
            (hidden(at: t) + row * hiddenSize).update(from: hidden(at: t - 1) + row * hiddenSize, count: hiddenSize)
            if cell.hasCellState {
                (cellState(at: t) + row * hiddenSize).update(from: cellState(at: t - 1) + row * hiddenSize, count: hiddenSize)
            }
        }
    }

    func setInitial(_ destination: UnsafeMutablePointer<Float>, from source: UnsafePointer<Float>?, count: Int) {
        if let source { destination.update(from: source, count: count) } else { destination.update(repeating: 0, count: count) }
    }

    func record(step t: Int, to recorder: any StepRecorder) {
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
}
