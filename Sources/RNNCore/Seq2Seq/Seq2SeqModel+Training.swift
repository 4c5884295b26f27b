extension Seq2SeqModel {
    /// One optimizer step on a batch: mean cross-entropy over every real answer token
    /// (`<eos>` included), with the global gradient norm clipped to `clip` when given (as the
    /// optimizer reads the gradients, which keep their values).
    /// Returns the loss before the update.
    ///
    /// A batch large enough to be shared between two threads (`decoderParts`) is trained in
    /// two halves, one by this model and one by a copy that shares its parameters and their
    /// transposes (`init(sharingParametersOf:)`), each from start to end on its own thread, so
    /// that the threads never wait for each other within the step. The gradient is then the
    /// first half's plus the second's, element by element, and the loss the sum of their means
    /// over the whole batch's tokens. On one thread the halves run one after the other, with
    /// the same results. (Large layers, which step their whole batch at once, train it whole.)
    /// What the model keeps of its last pass (states, ‖∂L/∂h_t‖) is then of the first half only.
    ///
    /// `optimizer` must update exactly `parameters`.
    @discardableResult
    public func trainStep(_ batch: Seq2SeqBatch, optimizer: any Optimizer, clip: Float? = nil) -> Float {
        let tokens = batch.answerTokens
        let parts = decoderParts(batch: batch.size)
        optimizer.zeroGradients()
        let loss: Float
        if parts.count == 2 && !decoder.layers[0].stepsWholeBatch {
            let halves = parts.map { batch.rows($0) }
            let copy = trainingCopy
            // Shared with the copy, so refreshed before the threads read them.
            TransposedWeight.refresh(transposes)
            var losses: [Float] = [0, 0]
            losses.withUnsafeMutableBufferPointer { losses in
                BatchSplit.run(parts: 2) { part in
                    let model = part == 0 ? self : copy
                    if part == 1 { for parameter in copy.parameters { parameter.zeroGradient() } }
                    losses[part] = model.accumulateGradients(for: halves[part], meanOver: tokens)
                }
            }
            Self.addGradients(of: copy.parameters, into: parameters)
            loss = losses[0] + losses[1]
        } else {
            loss = accumulateGradients(for: batch, meanOver: tokens)
        }
        optimizer.step(gradientScale: clip.map { GradientClipping.scale(parameters, maximum: $0) } ?? 1)
        return loss
    }

    /// The copy of this model that trains on the second half of a batch, made on first use.
    private var trainingCopy: Seq2SeqModel {
        if let copy = scratch.trainingCopy { return copy }
        let copy = Seq2SeqModel(sharingParametersOf: self)
        scratch.trainingCopy = copy
        return copy
    }

    /// Runs `batch` forward and backward, on the calling thread, adding the gradient of its
    /// cross-entropy summed over its answer tokens and divided by `count` into every
    /// parameter's gradient; returns that loss.
    ///
    /// Only the decoder states of real answer tokens are read out: padded positions add
    /// nothing to the loss, and their state gradient is zero. The result is the same as
    /// `forward`, `CrossEntropy.loss` and `backward` over every position, bit for bit (a sum
    /// that starts at zero is not changed by adding the zero terms left out).
    private func accumulateGradients(for batch: Seq2SeqBatch, meanOver count: Int) -> Float {
        runDecoder(batch, recorder: nil, skippingPadding: true, splitting: false)
        let H = shape.hiddenSize, V = shape.vocabularySize
        let positions = batch.decoderTargets.indices.filter { batch.decoderTargets[$0] != CrossEntropy.ignoredTarget }

        let states = scratch.readOutStates.reserve(positions.count * H), all = topDecoder.outputs
        for (row, position) in positions.enumerated() { (states + row * H).update(from: all + position * H, count: H) }
        let scores = output.forward(states, rows: positions.count)
        let scoreGradient = scratch.scoreGradient.reserve(positions.count * V)
        let loss = CrossEntropy.loss(
            logits: scores, targets: positions.map { batch.decoderTargets[$0] }, classes: V, gradient: scoreGradient,
            meanOver: count)

        let readOutGradient = output.backward(scoreGradient)
        let stateGradient = scratch.stateGradient.reserve(batch.decoderTargets.count * H)
        stateGradient.update(repeating: 0, count: batch.decoderTargets.count * H)
        for (row, position) in positions.enumerated() {
            (stateGradient + position * H).update(from: readOutGradient + row * H, count: H)
        }
        backward(stateGradient: stateGradient)
        return loss
    }

    /// Adds each of `sources`' gradients into the one of `targets` of the same name, element
    /// by element, the elements cut into two halves side by side when they are many.
    private static func addGradients(of sources: [Parameter], into targets: [Parameter]) {
        assert(sources.map(\.name) == targets.map(\.name), "gradients of different parameters")
        BatchSplit.forEachSlice(counts: targets.map(\.gradient.count)) { slice in
            let target = targets[slice.parameter].gradient.pointer, source = sources[slice.parameter].gradient.pointer
            for j in slice.elements { target[j] = target[j] + source[j] }
        }
    }
}
