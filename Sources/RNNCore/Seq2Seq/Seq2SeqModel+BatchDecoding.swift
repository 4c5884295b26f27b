extension Seq2SeqModel {
    /// The greedy answers to many questions at once, decoded as one batch: the same tokens as
    /// `greedyDecode(_:maxLength:)` gives each question alone (every row of a batch is computed
    /// as it would be alone, and padded question positions get no attention), for judging a
    /// model on a whole corpus.
    ///
    /// Each answer ends before `<eos>`, or after `maxLength` tokens.
    public func greedyAnswers(_ sources: [[Int]], maxLength: Int = 30) -> [[Int]] {
        guard !sources.isEmpty, maxLength > 0 else { return sources.map { _ in [] } }
        let batch = Seq2SeqBatch(sources: sources, targets: sources.map { _ in [] })
        let B = batch.size, V = shape.vocabularySize
        let mask = batch.isPadded ? UnsafePointer(batch.sourceMask.pointer) : nil
        let encoded = encode(tokens: batch.sourceTokens, steps: batch.sourceSteps, batch: B, mask: mask, recorder: nil)
        beginDecoding(
            steps: maxLength, batch: B, state: encoded.final, encoderOutputs: encoded.outputs, sourceSteps: batch.sourceSteps,
            mask: mask, encoderFinal: encoded.final)
        var answers = [[Int]](repeating: [], count: B)
        var open = Array(0..<B)
        var inputs = [Int](repeating: Vocabulary.sosIndex, count: B)
        let probabilities = Tensor(shape: [B, V])
        for t in 0..<maxLength where !open.isEmpty {
            let top = decodeStep(at: t, embedded: decoderEmbedding.forward(inputs), rows: 0..<B, recorder: nil)
            CrossEntropy.softmax(logits: output.forward(top, rows: B), rows: B, classes: V, into: probabilities.pointer)
            open = open.filter { b in
                let row = Array(UnsafeBufferPointer(start: probabilities.pointer + b * V, count: V))
                let token = Self.mostLikely(row, count: 1)[0]
                inputs[b] = token
                if token == Vocabulary.eosIndex { return false }
                answers[b].append(token)
                return true
            }
        }
        return answers
    }
}
