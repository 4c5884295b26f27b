extension Seq2SeqModel {
    /// One optimizer step on a batch: mean cross-entropy over every real answer token
    /// (`<eos>` included), with the global gradient norm clipped to `clip` when given (as the
    /// optimizer reads the gradients, which keep their values).
    /// Returns the loss before the update.
    ///
    /// Only the decoder states of real answer tokens are read out: padded positions add
    /// nothing to the loss, and their state gradient is zero. The result is the same as
    /// `forward`, `CrossEntropy.loss` and `backward` over every position, bit for bit (a sum
    /// that starts at zero is not changed by adding the zero terms left out).
    @discardableResult
    public func trainStep(_ batch: Seq2SeqBatch, optimizer: any Optimizer, clip: Float? = nil) -> Float {
        optimizer.zeroGradients()
        runDecoder(batch, recorder: nil, skippingPadding: true)
        let H = shape.hiddenSize, V = shape.vocabularySize
        let positions = batch.decoderTargets.indices.filter { batch.decoderTargets[$0] != CrossEntropy.ignoredTarget }

        let states = scratch.readOutStates.reserve(positions.count * H), all = topDecoder.outputs
        for (row, position) in positions.enumerated() { (states + row * H).update(from: all + position * H, count: H) }
        let scores = output.forward(states, rows: positions.count)
        let scoreGradient = scratch.scoreGradient.reserve(positions.count * V)
        let loss = CrossEntropy.loss(
            logits: scores, targets: positions.map { batch.decoderTargets[$0] }, classes: V, gradient: scoreGradient)

        let readOutGradient = output.backward(scoreGradient)
        let stateGradient = scratch.stateGradient.reserve(batch.decoderTargets.count * H)
        stateGradient.update(repeating: 0, count: batch.decoderTargets.count * H)
        for (row, position) in positions.enumerated() {
            (stateGradient + position * H).update(from: readOutGradient + row * H, count: H)
        }
        backward(stateGradient: stateGradient)
        optimizer.step(gradientScale: clip.map { GradientClipping.scale(parameters, maximum: $0) } ?? 1)
        return loss
    }
}
