import RNNTrace

/// The shape of a `Seq2SeqModel`.
public struct Seq2SeqShape: Codable, Sendable, Equatable {
    /// The encoder's and decoder's cell.
    public var cell: CellKind
    /// The number of tokens (questions and answers share one vocabulary).
    public var vocabularySize: Int
    /// The width of token embeddings.
    public var embeddingSize: Int
    /// The width of encoder and decoder states (and of the attention space).
    public var hiddenSize: Int
    /// Stacked layers in the encoder and, matching it, the decoder.
    public var layers: Int
    /// Whether the decoder attends to the encoder's outputs (Bahdanau) or reads only the
    /// encoder's final state (Cho et al.'s plain encoder–decoder).
    public var attention: Bool
    /// Whether the encoder reads the source both ways (`BidirectionalStack`), as Bahdanau et al.'s.
    public var bidirectional: Bool

    /// Creates a shape.
    public init(
        cell: CellKind, vocabularySize: Int, embeddingSize: Int, hiddenSize: Int, layers: Int = 1, attention: Bool = true,
        bidirectional: Bool = false
    ) {
        self.cell = cell
        self.vocabularySize = vocabularySize
        self.embeddingSize = embeddingSize
        self.hiddenSize = hiddenSize
        self.layers = layers
        self.attention = attention
        self.bidirectional = bidirectional
    }

    /// The width of the encoder's outputs: `H`, or `2H` read both ways.
    public var encoderWidth: Int { bidirectional ? 2 * hiddenSize : hiddenSize }

    /// The width of the context the decoder reads at every step: the attention's (a weighted sum
    /// of encoder outputs), or without attention the encoder's final top state, `H`.
    public var contextWidth: Int { attention ? encoderWidth : hiddenSize }
}

/// An RNN encoder–decoder (Cho et al. 2014) with optional additive attention (Bahdanau et al. 2014).
///
/// The encoder reads the embedded question (forward, or both ways: `BidirectionalStack`); the
/// decoder starts from the encoder's final state (a bidirectional encoder's bridge of both
/// directions) and at step t reads `[embed(y_{t−1}); c_t]`, where `c_t` is the attention context
/// over the encoder's outputs (or, without attention, the encoder's final top state); `y_t` is read
/// out of the decoder state by a linear layer. Names: `encoder.embedding.weight`,
/// `encoder.rnn.weight_ih_l0` … (`…_reverse` and `encoder.rnn.bridge_l0.*` when bidirectional),
/// `decoder.embedding.weight`, `decoder.rnn.*`, `decoder.out.weight`, `decoder.out.bias`,
/// `attention.query.weight`, `attention.key.weight`, `attention.energy.weight`.
public final class Seq2SeqModel {
    /// The model's shape.
    public let shape: Seq2SeqShape
    /// Source token embeddings.
    public let encoderEmbedding: Embedding
    /// The encoder: a recurrent stack, or one that reads the source both ways.
    let encoder: any SequenceEncoder
    /// Target token embeddings.
    public let decoderEmbedding: Embedding
    /// The decoder's recurrent layers; the bottom one reads `[embedding; context]`.
    public let decoder: RecurrentStack
    /// The attention, when the shape asks for it.
    public let attention: BahdanauAttention?
    /// The read-out from decoder states to token scores.
    public let output: Linear

    var current: Seq2SeqBatch?
    /// Whether the current pass skips the rows of answers that have ended (`runDecoder`).
    var skipsPadding = false
    /// The row ranges of the current batch whose decoder steps run side by side (`runDecoder`).
    var decoderRowParts: [Range<Int>] = []
    /// The order in which the encoder ran the current batch's rows, when not the batch's own.
    var encoderOrder: RowPermutation?
    var decoderInput = Workspace()
    var fixedContext = Workspace()
    var scratch = Seq2SeqScratch()

    /// Creates a model with PyTorch-style initialisation drawn from `generator`.
    public init(shape: Seq2SeqShape, generator: inout SeededGenerator) {
        self.shape = shape
        let E = shape.embeddingSize, H = shape.hiddenSize
        encoderEmbedding = Embedding(
            vocabularySize: shape.vocabularySize, dimension: E, name: "encoder.embedding", generator: &generator)
        encoder = shape.bidirectional
            ? BidirectionalStack(
                cell: shape.cell, inputSize: E, hiddenSize: H, layerCount: shape.layers, prefix: "encoder.rnn",
                generator: &generator)
            : RecurrentStack(
                cell: shape.cell, inputSize: E, hiddenSize: H, layerCount: shape.layers, prefix: "encoder.rnn",
                generator: &generator)
        decoderEmbedding = Embedding(
            vocabularySize: shape.vocabularySize, dimension: E, name: "decoder.embedding", generator: &generator)
        decoder = RecurrentStack(
            cell: shape.cell, inputSize: E + shape.contextWidth, hiddenSize: H, layerCount: shape.layers, prefix: "decoder.rnn",
            generator: &generator)
        attention = shape.attention
            ? BahdanauAttention(queryWidth: H, valueWidth: shape.encoderWidth, size: H, generator: &generator) : nil
        output = Linear(inputSize: H, outputSize: shape.vocabularySize, name: "decoder.out", generator: &generator)
    }

    /// Creates a model like `original` that reads its parameters' values and accumulates
    /// gradients of its own (`Parameter.init(sharingValueOf:)`), with its own buffers: it
    /// trains on one half of a batch while `original` trains on the other (`trainStep`).
    init(sharingParametersOf original: Seq2SeqModel) {
        shape = original.shape
        encoderEmbedding = Embedding(sharingParametersOf: original.encoderEmbedding)
        encoder = original.encoder.sharingParameters()
        decoderEmbedding = Embedding(sharingParametersOf: original.decoderEmbedding)
        decoder = RecurrentStack(sharingParametersOf: original.decoder)
        attention = original.attention.map(BahdanauAttention.init(sharingParametersOf:))
        output = Linear(sharingParametersOf: original.output)
    }

    /// Every parameter: encoder, decoder, read-out, attention.
    public var parameters: [Parameter] {
        encoderEmbedding.parameters + encoder.parameters + decoderEmbedding.parameters + decoder.parameters
            + output.parameters + (attention?.parameters ?? [])
    }

    /// The cached transposes of every weight matrix that forward passes multiply by.
    var transposes: [TransposedWeight] {
        encoder.transposes + decoder.layers.flatMap(\.transposes) + [output.weightT] + (attention?.transposes ?? [])
    }

    /// The encoder's layers whose steps traces show (a bidirectional encoder's forward direction).
    public var encoderLayers: [RecurrentLayer] { encoder.recordedLayers }

    /// The tensors to save, by name.
    public var namedTensors: [(name: String, tensor: Tensor)] { parameters.map { ($0.name, $0.value) } }

    var topDecoder: RecurrentLayer { decoder.layers[decoder.layers.count - 1] }

    // MARK: Encoding

    /// Runs the encoder over a batch's sources; returns its outputs `[S][B][encoderWidth]` and
    /// the decoder's first state.
    func encode(
        tokens: [Int], steps: Int, batch: Int, mask: UnsafePointer<Float>?, recorder: (any StepRecorder)?
    ) -> (outputs: UnsafeMutablePointer<Float>, final: RecurrentState) {
        let embedded = encoderEmbedding.forward(tokens)
        let outputs = encoder.encode(embedded, steps: steps, batch: batch, mask: mask, skippingEnded: false, recorder: recorder)
        return (outputs, encoder.finalState())
    }

    /// `encode` for a padded batch: the encoder runs the rows by decreasing question length,
    /// both halves of the batch alike (`Seq2SeqBatch.decodingOrder`), so that when
    /// `skippingEnded` each step can skip the questions that have ended (for training, which
    /// never reads the outputs of padded steps). Outputs and final state come back in the
    /// batch's order, and `backward` moves their gradients the other way. With or without
    /// skipping, every sum is taken in the same order, so the results are the same bits.
    func encodeBySourceLength(
        _ batch: Seq2SeqBatch, mask: UnsafePointer<Float>, skippingEnded: Bool
    ) -> (outputs: UnsafeMutablePointer<Float>, final: RecurrentState) {
        let S = batch.sourceSteps, B = batch.size, W = shape.encoderWidth
        let order = RowPermutation(rows: Seq2SeqBatch.decodingOrder(answerLengths: batch.sourceLengths))
        encoderOrder = order
        let orderedMask = scratch.encoderMask.reserve(S * B)
        order.gather(mask, steps: S, width: 1, into: orderedMask)
        let embedded = encoderEmbedding.forward(order.gather(tokens: batch.sourceTokens, steps: S))
        let outputs = encoder.encode(embedded, steps: S, batch: B, mask: orderedMask, skippingEnded: skippingEnded, recorder: nil)
        let batchOutputs = scratch.encoderOutputs.reserve(S * B * W)
        order.scatter(outputs, steps: S, width: W, into: batchOutputs)
        return (batchOutputs, order.reorder(encoder.finalState(), toBatchOrder: true))
    }

    /// Starts the decoder's layers from `state` for `steps` steps, and the attention (or the
    /// fixed context) over the encoder's outputs.
    func beginDecoding(
        steps: Int, batch: Int, state: RecurrentState, encoderOutputs: UnsafePointer<Float>, sourceSteps: Int,
        mask: UnsafePointer<Float>?, encoderFinal: RecurrentState
    ) {
        for (index, layer) in decoder.layers.enumerated() {
            layer.beginSteps(
                steps: steps, batch: batch, initialHidden: state.hidden[index].pointer,
                initialCell: state.cell.map { UnsafePointer($0[index].pointer) })
        }
        let H = shape.hiddenSize
        decoderInput.reserve(batch * (shape.embeddingSize + shape.contextWidth))
        if let attention {
            attention.prepare(
                encoderOutputs: encoderOutputs, sourceSteps: sourceSteps, batch: batch, mask: mask, decoderSteps: steps)
        } else {
            fixedContext.reserve(batch * H).update(from: encoderFinal.hidden[shape.layers - 1].pointer, count: batch * H)
        }
    }

    /// One decoder step for the sequences `rows` from the embedded previous tokens
    /// (`[batch][E]`), or, when `nil`, from those fed to the bottom layer in advance
    /// (`feedLeadingInputs`); returns the top state (`[batch][H]`, rows `rows` written). Steps
    /// of disjoint rows may run at the same time.
    @discardableResult
    func decodeStep(
        at t: Int, embedded: UnsafePointer<Float>?, rows: Range<Int>, recorder: (any StepRecorder)?
    ) -> UnsafeMutablePointer<Float> {
        let E = shape.embeddingSize, C = shape.contextWidth, width = E + C
        var context = fixedContext.pointer
        if let attention {
            attention.step(at: t, state: topDecoder.hidden(at: t - 1), rows: rows)
            context = attention.context(at: t)
        }
        if let embedded {
            let x = decoderInput.pointer
            for b in rows {
                (x + b * width).update(from: embedded + b * E, count: E)
                (x + b * width + E).update(from: context + b * C, count: C)
            }
            decoder.layers[0].step(x, at: t, rows: rows, recorder: recorder)
        } else {
            decoder.layers[0].step(trailing: context, at: t, rows: rows, recorder: recorder)
        }
        for (below, layer) in zip(decoder.layers, decoder.layers.dropFirst()) {
            layer.step(below.hidden(at: t), at: t, rows: rows, recorder: recorder)
        }
        return topDecoder.hidden(at: t)
    }

    /// The row ranges of a batch of `batch` whose decoder steps run side by side: its two
    /// halves when it is large enough (`BatchSplit.ranges`), else the whole batch. The split
    /// depends only on the sizes.
    func decoderParts(batch: Int) -> [Range<Int>] {
        BatchSplit.ranges(batch: batch, hiddenSize: shape.hiddenSize, gateWidth: shape.cell.gateCount * shape.hiddenSize)
    }

    // MARK: Training

    /// Runs the model on a batch with teacher forcing and returns the token scores of every
    /// decoder step, `[targetSteps][size][vocabularySize]`.
    @discardableResult
    public func forward(_ batch: Seq2SeqBatch, recorder: (any StepRecorder)? = nil) -> UnsafeMutablePointer<Float> {
        runDecoder(batch, recorder: recorder, skippingPadding: false)
        return output.forward(topDecoder.outputs, rows: batch.targetSteps * batch.size)
    }

    /// Runs the encoder and, with teacher forcing, every decoder step: all of `forward` but the
    /// read-out. The decoder's states are then `topDecoder.outputs`.
    ///
    /// When `skippingPadding` (and not recording), each step computes only
    /// `batch.decodingRows(at:within:)` of each part of the batch, and the states of the rows
    /// after them are left unspecified: for training, which reads only the states of real
    /// answer tokens. The backward pass then skips the same rows, whose gradients are zero.
    ///
    /// The decoder's steps run on two threads by halves of the batch (`decoderParts`) when
    /// `splitting` and not recording (which needs whole steps).
    func runDecoder(_ batch: Seq2SeqBatch, recorder: (any StepRecorder)?, skippingPadding: Bool, splitting: Bool = true) {
        current = batch
        skipsPadding = skippingPadding && recorder == nil
        decoderRowParts = splitting && recorder == nil ? decoderParts(batch: batch.size) : [0..<batch.size]
        let B = batch.size, T = batch.targetSteps, E = shape.embeddingSize
        let mask = batch.isPadded ? UnsafePointer(batch.sourceMask.pointer) : nil
        encoderOrder = nil
        let encoded = if let mask, recorder == nil {
            encodeBySourceLength(batch, mask: mask, skippingEnded: skipsPadding)
        } else {
            encode(tokens: batch.sourceTokens, steps: batch.sourceSteps, batch: B, mask: mask, recorder: recorder)
        }
        beginDecoding(
            steps: T, batch: B, state: encoded.final, encoderOutputs: encoded.outputs, sourceSteps: batch.sourceSteps,
            mask: mask, encoderFinal: encoded.final)
        // Teacher forcing knows every step's embedded token: their part of the bottom layer's
        // input product is one product over all steps.
        decoder.layers[0].feedLeadingInputs(decoderEmbedding.forward(batch.decoderInputs), width: E)
        BatchSplit.run(decoderRowParts) { _, rows in
            for t in 0..<T {
                let active = decodingRows(at: t, within: rows)
                if active.isEmpty { break }
                decodeStep(at: t, embedded: nil, rows: active, recorder: recorder)
            }
        }
    }

    /// The rows of the decoder's `[T·B]` grid that the current pass computed, in order: the
    /// others were skipped, and their gradients are zero.
    private func computedDecoderRows(parts: [Range<Int>]) -> [Range<Int>] {
        guard let current else { return [] }
        return RecurrentLayer.gridRows(steps: current.targetSteps, batch: current.size, parts: parts) {
            decodingRows(at: $0, within: $1)
        }
    }

    /// The rows of `rows` that decoder step `t` computes in the current pass.
    private func decodingRows(at t: Int, within rows: Range<Int>) -> Range<Int> {
        guard skipsPadding, let current else { return rows }
        return current.decodingRows(at: t, within: rows)
    }

    /// Backpropagates ∂L/∂scores (`[targetSteps][size][vocabularySize]`) of the last `forward`
    /// through the decoder, the attention and the encoder, adding into every parameter's gradient.
    public func backward(_ scoreGradient: UnsafePointer<Float>) {
        backward(stateGradient: output.backward(scoreGradient))
    }

    /// Backpropagates ∂L/∂s_t of the top decoder state at every step (`[targetSteps][size][H]`,
    /// from the read-out) through the decoder, the attention and the encoder.
    func backward(stateGradient: UnsafePointer<Float>) {
        guard let batch = current else { preconditionFailure("Seq2SeqModel.backward before forward") }
        let B = batch.size, T = batch.targetSteps, E = shape.embeddingSize, H = shape.hiddenSize
        scratch.reserve(batch: B, steps: T, embedding: E, hidden: H, context: shape.contextWidth)
        let fromAttention = scratch.fromAttention.pointer, embeddingGradient = scratch.embeddingGradient.pointer
        let fixedContextGradient = scratch.fixedContextGradient.pointer
        fromAttention.update(repeating: 0, count: B * H)
        fixedContextGradient.update(repeating: 0, count: B * H)
        for layer in decoder.layers { layer.beginBackward() }
        attention?.beginBackward()

        // Each part's sums of squares of ∂L/∂h_t, `[part][layer][t]`, added in part order afterwards.
        let parts = decoderRowParts, L = decoder.layers.count
        let squares = scratch.stepSquares.reserve(parts.count * L * T)
        BatchSplit.run(parts) { part, rows in
            backwardDecoderSteps(rows: rows, stateGradient: stateGradient) { layer, t, sum in
                squares[(part * L + layer) * T + t] = sum
            }
        }
        for (index, layer) in decoder.layers.enumerated() {
            for t in 0..<T {
                layer.setGradientNorm(at: t, partSquares: parts.indices.map { squares[($0 * L + index) * T + t] })
            }
        }
        let computed = skipsPadding ? computedDecoderRows(parts: parts) : nil
        for layer in decoder.layers { layer.finishBackward(rows: computed) }
        decoder.layers[0].inputGradient(rows: computed, columns: 0..<E, into: embeddingGradient)
        attention?.finishBackward(steps: T, states: topDecoder.hidden(at: -1))
        decoderEmbedding.backward(embeddingGradient)

        // The decoder started from the encoder's final state; the top layer's state also fed
        // the first attention query (or, without attention, every step's context).
        var finalGradient = decoder.initialStateGradient()
        let top = finalGradient.hidden[shape.layers - 1].pointer
        for j in 0..<B * H { top[j] = top[j] + fromAttention[j] + fixedContextGradient[j] }
        var outputGradient = attention.map { UnsafePointer($0.encoderOutputGradient) }
        if let order = encoderOrder {
            finalGradient = order.reorder(finalGradient, toBatchOrder: false)
            if let batchOrdered = outputGradient {
                let S = batch.sourceSteps, W = shape.encoderWidth, ordered = scratch.encoderOutputGradient.reserve(S * B * W)
                order.gather(batchOrdered, steps: S, width: W, into: ordered)
                outputGradient = UnsafePointer(ordered)
            }
        }
        let sourceGradient = encoder.backward(
            outputGradient: outputGradient, finalStateGradient: finalGradient, inputGradient: true)!
        encoderEmbedding.backward(sourceGradient)
    }

    /// Backpropagates through every decoder step, from the last, for the sequences `rows`:
    /// ∂L/∂s_t from the read-out (`stateGradient`, `[T][batch][H]`) and from the next step's
    /// attention, through the decoder's layers and the attention. Calls for disjoint rows may
    /// run at the same time; `squares(layer, t, sum)` receives each layer's sum of squares of
    /// ∂L/∂h_t over these rows.
    private func backwardDecoderSteps(
        rows: Range<Int>, stateGradient: UnsafePointer<Float>, squares: (Int, Int, Float) -> Void
    ) {
        guard let batch = current else { return }
        let B = batch.size, E = shape.embeddingSize, H = shape.hiddenSize, C = shape.contextWidth, top = decoder.layers.count - 1
        let fromAttention = scratch.fromAttention.pointer, stepGradient = scratch.stepGradient.pointer
        let contextGradient = scratch.contextGradient.pointer, fixedContextGradient = scratch.fixedContextGradient.pointer
        for t in stride(from: batch.targetSteps - 1, through: 0, by: -1) {
            // Rows skipped at step t have zero gradients: their gradient rows of the step are
            // cleared for what reads every row of a step afterwards (the attention's query
            // weight gradient; the layers' gate gradients, which `finishBackward(rows:)` then
            // leaves out).
            let active = decodingRows(at: t, within: rows), skipped = active.upperBound..<rows.upperBound
            if !skipped.isEmpty {
                // Their carried gradient is zero, so the sums of squares are too.
                for layer in decoder.layers { _ = layer.passThrough(at: t, rows: skipped, outputGradient: nil) }
                attention?.clearBackwardStep(at: t, rows: skipped)
            }
            if active.isEmpty {
                for layer in 0...top { squares(layer, t, 0) }
                continue
            }
            let activeValues = active.lowerBound * H..<active.upperBound * H
            // s_t feeds the read-out at t and the attention at t+1.
            for j in activeValues { stepGradient[j] = stateGradient[t * B * H + j] + fromAttention[j] }
            squares(top, t, topDecoder.backwardStep(at: t, rows: active, outputGradient: stepGradient))
            for index in stride(from: top - 1, through: 0, by: -1) {
                let above = decoder.layers[index + 1].inputGradient(at: t, rows: active, columns: 0..<H)
                squares(index, t, decoder.layers[index].backwardStep(at: t, rows: active, outputGradient: above))
            }
            // Only the context part is needed now; the embedding part is one product at the end.
            let x = decoder.layers[0].inputGradient(at: t, rows: active, columns: E..<E + C)
            for b in active { (contextGradient + b * C).update(from: x + b * (E + C), count: C) }
            if let attention {
                let result = attention.backwardStep(at: t, contextGradient: contextGradient, rows: active)
                (fromAttention + activeValues.lowerBound).update(
                    from: result + activeValues.lowerBound, count: activeValues.count)
            } else {
                for j in activeValues { fixedContextGradient[j] = fixedContextGradient[j] + contextGradient[j] }
            }
        }
    }
}

/// Buffers of `Seq2SeqModel.backward` and of training (`trainStep`).
struct Seq2SeqScratch {
    var fromAttention = Workspace()
    var stepGradient = Workspace()
    var embeddingGradient = Workspace()
    var contextGradient = Workspace()
    var fixedContextGradient = Workspace()
    var scoreGradient = Workspace()
    var stepSquares = Workspace()
    var readOutStates = Workspace()
    var stateGradient = Workspace()
    /// The encoder's mask, outputs (in the batch's order) and output gradients (in its own
    /// order) when it runs the rows in another order (`encodeBySourceLength`).
    var encoderMask = Workspace()
    var encoderOutputs = Workspace()
    var encoderOutputGradient = Workspace()
    /// The copy of the model that trains on the second half of each batch (`trainStep`).
    var trainingCopy: Seq2SeqModel?

    mutating func reserve(batch: Int, steps: Int, embedding: Int, hidden: Int, context: Int) {
        fromAttention.reserve(batch * hidden)
        stepGradient.reserve(batch * hidden)
        embeddingGradient.reserve(steps * batch * embedding)
        contextGradient.reserve(batch * context)
        fixedContextGradient.reserve(batch * hidden)
    }
}
