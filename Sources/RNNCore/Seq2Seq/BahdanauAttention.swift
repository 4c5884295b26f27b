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

    private var queryT: TransposedWeight
    private var keyT: TransposedWeight
    private var sourceSteps = 0
    private var batch = 0
    private var encoderOutputs: UnsafePointer<Float>?
    private var mask: UnsafePointer<Float>?
    private var keys = Workspace()  // [S][B][A]
    private var queries = Workspace()  // [B][A], current step
    private var squashed = Workspace()  // [T][B][S][A]
    private var weights = Workspace()  // [T][B][S]
    private var contexts = Workspace()  // [T][B][valueWidth]
    private var queryGradients = Workspace()  // [T][B][A]
    private var keyGradients = Workspace()  // [S][B][A]
    private var valueGradients = Workspace()  // [S][B][valueWidth]
    private var scoreGradient = Workspace()  // [S]
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

    /// The trainable parameters.
    public var parameters: [Parameter] { [query, key, energy] }

    /// Projects the encoder's outputs (`[S][B][valueWidth]`, which must stay unchanged until
    /// `finishBackward`) for a decoder of at most `decoderSteps` steps. `mask` is `[S][B]`,
    /// 0 at padding; `nil` when no sequence is padded.
    public func prepare(
        encoderOutputs: UnsafePointer<Float>, sourceSteps: Int, batch: Int, mask: UnsafePointer<Float>?,
        decoderSteps: Int
    ) {
        self.encoderOutputs = encoderOutputs
        self.sourceSteps = sourceSteps
        self.batch = batch
        self.mask = mask
        let rows = sourceSteps * batch
        let keyPointer = keys.reserve(rows * size)
        MatrixMultiply.multiply(
            m: rows, n: size, k: valueWidth, a: .rowMajor(encoderOutputs, leadingDimension: valueWidth),
            b: keyT.transposed(), ldb: size, c: keyPointer, ldc: size, accumulate: false)
        queries.reserve(batch * size)
        squashed.reserve(decoderSteps * rows * size)
        weights.reserve(decoderSteps * rows)
        contexts.reserve(decoderSteps * batch * valueWidth)
        queryGradients.reserve(decoderSteps * batch * size)
        keyGradients.reserve(rows * size)
        valueGradients.reserve(rows * valueWidth)
        scoreGradient.reserve(sourceSteps)
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
        let S = sourceSteps, A = size
        let q = queries.pointer
        MatrixMultiply.multiply(
            m: batch, n: A, k: queryWidth, a: .rowMajor(state, leadingDimension: queryWidth),
            b: queryT.transposed(), ldb: A, c: q, ldc: A, accumulate: false)
        let alpha = weights(at: t), context = self.context(at: t)
        // tanh(W_a s + U_a h_j) for every sequence and source position, then the scores
        // e = v · tanh(…) as one product.
        let block = squashed.pointer + t * batch * S * A
        for b in 0..<batch {
            for j in 0..<S {
                let row = block + (b * S + j) * A, keyRow = keys.pointer + (j * batch + b) * A, queryRow = q + b * A
                for a in 0..<A { row[a] = queryRow[a] + keyRow[a] }
            }
        }
        Activation.tanh(block, block, count: batch * S * A)
        MatrixMultiply.multiply(
            m: batch * S, n: 1, k: A, a: .rowMajor(block, leadingDimension: A), b: energy.value.pointer, ldb: 1,
            c: alpha, ldc: 1, accumulate: false)
        for b in 0..<batch {
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
                let value = encoderOutputs! + (j * batch + b) * valueWidth
                for k in 0..<valueWidth { out[k] = out[k] + row[j] * value[k] }
            }
        }
        return context
    }

    private func isReal(_ j: Int, _ b: Int) -> Bool { mask.map { $0[j * batch + b] != 0 } ?? true }

    // MARK: Backward

    /// Clears the gradients gathered over decoder steps; call before the first `backwardStep`.
    public func beginBackward() {
        keyGradients.pointer.update(repeating: 0, count: sourceSteps * batch * size)
        valueGradients.pointer.update(repeating: 0, count: sourceSteps * batch * valueWidth)
    }

    /// Backpropagates ∂L/∂c_t (`[batch][valueWidth]`) through step `t`; returns ∂L/∂s_{t−1}
    /// (`[batch][queryWidth]`, valid until the next call). Gradients of the encoder outputs
    /// gather in `encoderOutputGradient` until `finishBackward`.
    public func backwardStep(at t: Int, contextGradient: UnsafePointer<Float>) -> UnsafeMutablePointer<Float> {
        let S = sourceSteps, A = size
        let alpha = weights(at: t), v = energy.value.pointer, dv = energy.gradient.pointer
        let dq = queryGradients.pointer + t * batch * A
        dq.update(repeating: 0, count: batch * A)
        let dScore = scoreGradient.pointer
        for b in 0..<batch {
            let dc = contextGradient + b * valueWidth, row = alpha + b * S
            var weighted: Float = 0
            for j in 0..<S {
                let value = encoderOutputs! + (j * batch + b) * valueWidth
                let valueGradient = valueGradients.pointer + (j * batch + b) * valueWidth
                var dot: Float = 0
                for k in 0..<valueWidth {
                    dot = dot + dc[k] * value[k]
                    valueGradient[k] = valueGradient[k] + row[j] * dc[k]
                }
                dScore[j] = dot
                weighted = weighted + row[j] * dot
            }
            for j in 0..<S {
                let de = row[j] * (dScore[j] - weighted)
                let tanhRow = squashed.pointer + ((t * batch + b) * S + j) * A
                let keyGradient = keyGradients.pointer + (j * batch + b) * A
                for a in 0..<A {
                    let value = tanhRow[a]
                    dv[a] = dv[a] + de * value
                    let pre = de * v[a] * (1 - value * value)
                    dq[b * A + a] = dq[b * A + a] + pre
                    keyGradient[a] = keyGradient[a] + pre
                }
            }
        }
        let result = queryInputGradient.pointer
        MatrixMultiply.multiply(
            m: batch, n: queryWidth, k: A, a: .rowMajor(dq, leadingDimension: A),
            b: query.value.pointer, ldb: queryWidth, c: result, ldc: queryWidth, accumulate: false)
        return result
    }

    /// Adds the weight gradients of all `steps` decoder steps, given the decoder states they
    /// attended from (`[steps][batch][queryWidth]`), and completes `encoderOutputGradient`.
    public func finishBackward(steps: Int, states: UnsafePointer<Float>) {
        let rows = sourceSteps * batch
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
