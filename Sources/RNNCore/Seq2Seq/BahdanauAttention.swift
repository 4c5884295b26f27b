import RNNTrace

/// Additive attention (Bahdanau, Cho & Bengio 2014):
/// `e_tj = vᵀ tanh(W_a s_{t−1} + U_a h_j)`, `α_t = softmax_j(e_t)` over the real (unpadded)
/// source positions, `c_t = Σ_j α_tj h_j`.
///
/// Parameters: `attention.query.weight` (`W_a`, `[A][decoder H]`), `attention.key.weight`
/// (`U_a`, `[A][encoder H]`), `attention.energy.weight` (`v`, `[1][A]`), from
/// `U(−1/√in, 1/√in)` as PyTorch's bias-free `nn.Linear`.
///
/// One decoder sequence is attended at a time: `prepare` once with the encoder's outputs, then
/// `step` for each decoder step in order; backward goes the other way, then `finishBackward`.
/// Sequences never interact, so the steps and backward steps of disjoint rows of the batch
/// (`step(at:state:rows:)`, `backwardStep(at:contextGradient:rows:)`) may run on different
/// threads; what all rows share (`v`'s gradient) is formed in `finishBackward`.
public final class BahdanauAttention {
    /// `W_a`, applied to the previous decoder state.
    public let query: Parameter
    /// `U_a`, applied to every encoder output.
    public let key: Parameter
    /// `v`, which turns each combined vector into a score.
    public let energy: Parameter
    /// The width of the combined space `A`.
    public let size: Int
    /// The width of the decoder state.
    public let queryWidth: Int
    /// The width of each encoder output.
    public let valueWidth: Int

    /// Attention weights given instead of computed, for looking at a trained model ("what if the
    /// decoder looked here?"); backward passes ignore it.
    public var override: AttentionOverride?
    /// The decoder step an override's weights are taken from, when the steps are run one call
    /// at a time as step 0 (beam search); `nil` for the step itself.
    public var overrideStep: Int?
    private let queryT: TransposedWeight
    private let keyT: TransposedWeight
    /// `W_aᵀ`, refreshed by `prepare` and only read by the steps.
    private var queryTransposed: UnsafePointer<Float>?
    private(set) var sourceSteps = 0
    private var decoderSteps = 0
    private(set) var batch = 0
    private(set) var encoderOutputs: UnsafePointer<Float>?
    private var mask: UnsafePointer<Float>?
    private var keys = Workspace()  // [S][B][A]
    private var queries = Workspace()  // [B][A], current step
    private var squashed = Workspace()  // [T][B][S][A]
    private var weights = Workspace()  // [T][B][S]
    private var contexts = Workspace()  // [T][B][valueWidth]
    private var queryGradients = Workspace()  // [T][B][A]
    private var keyGradients = Workspace()  // [S][B][A]
    private var valueGradients = Workspace()  // [S][B][valueWidth]
    private var scoreGradients = Workspace()  // [B][S], current step
    private var energyGradients = Workspace()  // [T][B][S], ∂L/∂e
    private var queryInputGradient = Workspace()  // [B][queryWidth]

    /// Creates the attention's parameters, drawn from `generator` in the order query, key, energy.
    public init(queryWidth: Int, valueWidth: Int, size: Int, generator: inout SeededGenerator) {
        self.queryWidth = queryWidth
        self.valueWidth = valueWidth
        self.size = size
        query = Parameter(name: "attention.query.weight", shape: [size, queryWidth])
        key = Parameter(name: "attention.key.weight", shape: [size, valueWidth])
        energy = Parameter(name: "attention.energy.weight", shape: [1, size])
        generator.fillUniform(query.value, bound: 1 / Float(queryWidth).squareRoot())
        generator.fillUniform(key.value, bound: 1 / Float(valueWidth).squareRoot())
        generator.fillUniform(energy.value, bound: 1 / Float(size).squareRoot())
        queryT = TransposedWeight(query)
        keyT = TransposedWeight(key)
    }

    /// Creates an attention of `original`'s sizes that reads its parameters' values (and
    /// shares their transposes) and accumulates gradients of its own
    /// (`Parameter.init(sharingValueOf:)`).
    init(sharingParametersOf original: BahdanauAttention) {
        queryWidth = original.queryWidth
        valueWidth = original.valueWidth
        size = original.size
        query = Parameter(sharingValueOf: original.query)
        key = Parameter(sharingValueOf: original.key)
        energy = Parameter(sharingValueOf: original.energy)
        queryT = original.queryT
        keyT = original.keyT
    }

    /// The trainable parameters.
    public var parameters: [Parameter] { [query, key, energy] }

    /// The cached transposes of the weights.
    var transposes: [TransposedWeight] { [queryT, keyT] }

    /// Projects the encoder's outputs (`[S][B][valueWidth]`, which must stay unchanged until
    /// `finishBackward`) for a decoder of at most `decoderSteps` steps. `mask` is `[S][B]`,
    /// 0 at padding; `nil` when no sequence is padded.
    public func prepare(
        encoderOutputs: UnsafePointer<Float>, sourceSteps: Int, batch: Int, mask: UnsafePointer<Float>?,
        decoderSteps: Int
    ) {
        self.encoderOutputs = encoderOutputs
        self.sourceSteps = sourceSteps
        self.decoderSteps = decoderSteps
        self.batch = batch
        self.mask = mask
        let rows = sourceSteps * batch
        let keyPointer = keys.reserve(rows * size)
        MatrixMultiply.multiply(
            m: rows, n: size, k: valueWidth, a: .rowMajor(encoderOutputs, leadingDimension: valueWidth),
            b: keyT.transposed(), ldb: size, c: keyPointer, ldc: size, accumulate: false)
        queryTransposed = queryT.transposed()
        queries.reserve(batch * size)
        squashed.reserve(decoderSteps * rows * size)
        weights.reserve(decoderSteps * rows)
        contexts.reserve(decoderSteps * batch * valueWidth)
        queryGradients.reserve(decoderSteps * batch * size)
        keyGradients.reserve(rows * size)
        valueGradients.reserve(rows * valueWidth)
        scoreGradients.reserve(rows)
        energyGradients.reserve(decoderSteps * rows)
        queryInputGradient.reserve(batch * queryWidth)
    }

    /// The attention weights of step `t`, `[batch][S]` (0 at padding).
    public func weights(at t: Int) -> UnsafeMutablePointer<Float> { weights.pointer + t * batch * sourceSteps }

    /// The context of step `t`, `[batch][valueWidth]`.
    public func context(at t: Int) -> UnsafeMutablePointer<Float> { contexts.pointer + t * batch * valueWidth }

    /// Attends from the previous decoder state (`[batch][queryWidth]`) at decoder step `t` and
    /// returns the context `c_t`.
    @discardableResult
    public func step(at t: Int, state: UnsafePointer<Float>) -> UnsafeMutablePointer<Float> {
        step(at: t, state: state, rows: 0..<batch)
        return context(at: t)
    }

    /// `step(at:state:)` for the sequences `rows` only: reads their rows of `state` (which is
    /// for the whole batch) and writes their rows of `weights(at: t)` and `context(at: t)`.
    func step(at t: Int, state: UnsafePointer<Float>, rows: Range<Int>) {
        let S = sourceSteps, A = size, first = rows.lowerBound, count = rows.count
        let q = queries.pointer + first * A
        MatrixMultiply.multiply(
            m: count, n: A, k: queryWidth, a: .rowMajor(state + first * queryWidth, leadingDimension: queryWidth),
            b: queryTransposed!, ldb: A, c: q, ldc: A, accumulate: false)
        // tanh(W_a s + U_a h_j) for every sequence and source position, then the scores
        // e = v · tanh(…), each a sixteen-lane dot product (one long chain of multiply-adds
        // per score would wait on every add).
        let block = squashed.pointer + (t * batch + first) * S * A
        for b in 0..<count {
            for j in 0..<S {
                let row = block + (b * S + j) * A, keyRow = keys.pointer + (j * batch + first + b) * A
                let queryRow = q + b * A
                for a in 0..<A { row[a] = queryRow[a] + keyRow[a] }
            }
        }
        Activation.tanh(block, block, count: count * S * A)
        let alpha = weights(at: t), context = self.context(at: t), v = energy.value.pointer
        for score in 0..<count * S {
            alpha[first * S + score] = VectorLoops.dot(block + score * A, v, count: A)
        }
        for b in rows {
            let row = alpha + b * S
            var largest = -Float.infinity
            for j in 0..<S where isReal(j, b) { largest = Swift.max(largest, row[j]) }
            var total: Float = 0
            for j in 0..<S {
                row[j] = isReal(j, b) ? Activation.exp(row[j] - largest) : 0
                total = total + row[j]
            }
            let out = context + b * valueWidth
            out.update(repeating: 0, count: valueWidth)
            for j in 0..<S {
                row[j] = row[j] / total
                VectorLoops.addScaled(row[j], encoderOutputs! + (j * batch + b) * valueWidth, into: out, count: valueWidth)
            }
        }
        if let override { applyOverride(override, at: t, step: overrideStep ?? t, rows: rows) }
    }

    func isReal(_ j: Int, _ b: Int) -> Bool { mask.map { $0[j * batch + b] != 0 } ?? true }

    // MARK: Backward

    /// Clears the gradients gathered over decoder steps; call before the first `backwardStep`.
    public func beginBackward() {
        keyGradients.pointer.update(repeating: 0, count: sourceSteps * batch * size)
        valueGradients.pointer.update(repeating: 0, count: sourceSteps * batch * valueWidth)
        energyGradients.pointer.update(repeating: 0, count: decoderSteps * batch * sourceSteps)
    }

    /// Backpropagates ∂L/∂c_t (`[batch][valueWidth]`) through step `t`; returns ∂L/∂s_{t−1}
    /// (`[batch][queryWidth]`, valid until the next call). Gradients of the encoder outputs
    /// gather in `encoderOutputGradient` until `finishBackward`.
    public func backwardStep(at t: Int, contextGradient: UnsafePointer<Float>) -> UnsafeMutablePointer<Float> {
        backwardStep(at: t, contextGradient: contextGradient, rows: 0..<batch)
    }

    /// `backwardStep(at:contextGradient:)` for the sequences `rows` only: reads their rows of
    /// `contextGradient` (for the whole batch) and writes their rows of the result (which
    /// points at row 0).
    func backwardStep(
        at t: Int, contextGradient: UnsafePointer<Float>, rows: Range<Int>
    ) -> UnsafeMutablePointer<Float> {
        let S = sourceSteps, A = size, first = rows.lowerBound
        let alpha = weights(at: t), v = energy.value.pointer
        let dq = queryGradients.pointer + t * batch * A
        for b in rows {
            // ∂L/∂α_tj = dc · h_j; through the softmax, ∂L/∂e_tj = α_tj (∂L/∂α_tj − Σ_i α_ti ∂L/∂α_ti).
            let dc = contextGradient + b * valueWidth, row = alpha + b * S, dAlpha = scoreGradients.pointer + b * S
            var weighted: Float = 0
            for j in 0..<S {
                let position = j * batch + b
                dAlpha[j] = VectorLoops.dot(dc, encoderOutputs! + position * valueWidth, count: valueWidth)
                VectorLoops.addScaled(row[j], dc, into: valueGradients.pointer + position * valueWidth, count: valueWidth)
                weighted = weighted + row[j] * dAlpha[j]
            }
            let de = energyGradients.pointer + (t * batch + b) * S
            (dq + b * A).update(repeating: 0, count: A)
            for j in 0..<S {
                de[j] = row[j] * (dAlpha[j] - weighted)
                backpropagateSquash(
                    de[j], tanh: squashed.pointer + ((t * batch + b) * S + j) * A, v: v, queryGradient: dq + b * A,
                    keyGradient: keyGradients.pointer + (j * batch + b) * A)
            }
        }
        let result = queryInputGradient.pointer
        MatrixMultiply.multiply(
            m: rows.count, n: queryWidth, k: A, a: .rowMajor(dq + first * A, leadingDimension: A),
            b: query.value.pointer, ldb: queryWidth, c: result + first * queryWidth, ldc: queryWidth, accumulate: false)
        return result
    }

    /// Records that the sequences `rows` have a zero context gradient at step `t`, instead of
    /// `backwardStep(at:contextGradient:rows:)`.
    func clearBackwardStep(at t: Int, rows: Range<Int>) {
        (queryGradients.pointer + (t * batch + rows.lowerBound) * size).update(repeating: 0, count: rows.count * size)
    }

    /// Adds `∂L/∂e · v ⊙ (1 − tanh²)`, the gradient of one score's pre-activation, to the query's
    /// and the key's gradient.
    @inline(__always)
    private func backpropagateSquash(
        _ de: Float, tanh: UnsafePointer<Float>, v: UnsafePointer<Float>, queryGradient: UnsafeMutablePointer<Float>,
        keyGradient: UnsafeMutablePointer<Float>
    ) {
        for start in stride(from: 0, to: size, by: 16) {
            let lanes = Swift.min(16, size - start)
            let value = SIMD16(tanh + start, lanes: lanes)
            let pre = de * SIMD16(v + start, lanes: lanes) * (1 - value * value)
            (SIMD16(queryGradient + start, lanes: lanes) + pre).store(to: queryGradient + start, lanes: lanes)
            (SIMD16(keyGradient + start, lanes: lanes) + pre).store(to: keyGradient + start, lanes: lanes)
        }
    }

    /// Adds the weight gradients of all `steps` decoder steps, given the decoder states they
    /// attended from (`[steps][batch][queryWidth]`), and completes `encoderOutputGradient`.
    public func finishBackward(steps: Int, states: UnsafePointer<Float>) {
        let rows = sourceSteps * batch
        // v's gradient: Σ over steps, sequences and positions of ∂L/∂e · tanh(…), one product.
        MatrixMultiply.multiply(
            m: 1, n: size, k: steps * rows, a: .rowMajor(energyGradients.pointer, leadingDimension: steps * rows),
            b: squashed.pointer, ldb: size, c: energy.gradient.pointer, ldc: size, accumulate: true)
        MatrixMultiply.multiply(
            m: size, n: queryWidth, k: steps * batch, a: .transposed(queryGradients.pointer, leadingDimension: size),
            b: states, ldb: queryWidth, c: query.gradient.pointer, ldc: queryWidth, accumulate: true)
        MatrixMultiply.multiply(
            m: size, n: valueWidth, k: rows, a: .transposed(keyGradients.pointer, leadingDimension: size),
            b: encoderOutputs!, ldb: valueWidth, c: key.gradient.pointer, ldc: valueWidth, accumulate: true)
        MatrixMultiply.multiply(
            m: rows, n: valueWidth, k: size, a: .rowMajor(keyGradients.pointer, leadingDimension: size),
            b: key.value.pointer, ldb: valueWidth, c: valueGradients.pointer, ldc: valueWidth, accumulate: true)
    }

    /// ∂L/∂ of every encoder output, `[S][B][valueWidth]`, after `finishBackward`.
    public var encoderOutputGradient: UnsafeMutablePointer<Float> { valueGradients.pointer }
}
