/// Attention weights given instead of computed — "what if the decoder looked here?": the
/// context becomes the weighted sum of the encoder's outputs under these weights, at every
/// decoder step (padded source positions keep no weight).
public enum AttentionOverride: Sendable, Equatable {
    /// The same weight on every real source position: the context is their mean.
    case uniform
    /// Decoder step t looks at source position t (the last one once t is past it).
    case diagonal
    /// Every step looks at source position `j` only.
    case oneHot(Int)
    /// The weights of every decoder step, `[step][source position]` (the last row for later steps).
    case rows([[Float]])

    /// The weights of decoder step `t` over `sourceLength` real positions, summing to 1.
    public func weights(step t: Int, sourceLength: Int) -> [Float] {
        var row = [Float](repeating: 0, count: sourceLength)
        guard sourceLength > 0 else { return row }
        switch self {
        case .uniform: row = row.map { _ in 1 / Float(sourceLength) }
        case .diagonal: row[min(t, sourceLength - 1)] = 1
        case .oneHot(let j): row[min(max(j, 0), sourceLength - 1)] = 1
        case .rows(let rows):
            let given = rows.isEmpty ? [] : rows[min(t, rows.count - 1)]
            for j in 0..<min(sourceLength, given.count) { row[j] = given[j] }
            let total = row.reduce(0, +)
            if total > 0 { row = row.map { $0 / total } }
        }
        return row
    }
}

extension BahdanauAttention {
    /// Replaces the weights of decoder step `t` (for `rows`) by the override's and recomputes
    /// the context from them.
    func applyOverride(_ override: AttentionOverride, at t: Int, step: Int, rows: Range<Int>) {
        let S = sourceSteps, alpha = weights(at: t), context = self.context(at: t)
        for b in rows {
            let length = (0..<S).filter { isReal($0, b) }.count
            let forced = override.weights(step: step, sourceLength: length)
            let out = context + b * valueWidth
            out.update(repeating: 0, count: valueWidth)
            var real = 0
            for j in 0..<S {
                let weight = isReal(j, b) ? forced[real] : 0
                if isReal(j, b) { real += 1 }
                alpha[b * S + j] = weight
                VectorLoops.addScaled(weight, encoderOutputs! + (j * batch + b) * valueWidth, into: out, count: valueWidth)
            }
        }
    }
}
