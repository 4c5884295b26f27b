import Foundation

/// Additive attention (Bahdanau et al. 2014) for one decoder step of one sequence.
extension Reference {
    /// The attention's weights: `query` `[A][Q]` (`W_a`), `key` `[A][V]` (`U_a`), `energy` `[A]` (`v`).
    public struct AttentionWeights: Sendable {
        public var query: [Float], key: [Float], energy: [Float]

        /// Weights from their values.
        public init(query: [Float], key: [Float], energy: [Float]) {
            self.query = query
            self.key = key
            self.energy = energy
        }
    }

    /// What one attention step computed, for its backward step.
    public struct AttentionStep: Sendable {
        /// The decoder state read (`s_{t−1}`, `[Q]`) and the encoder outputs (`[S][V]`).
        public var state: [Float], values: [[Float]]
        /// `tanh(W_a s + U_a h_j)` for every source position, `[S][A]`.
        public var hidden: [[Float]]
        /// `α_t`, `[S]`, and the context `c_t = Σ_j α_tj h_j`, `[V]`.
        public var weights: [Float], context: [Float]
    }

    /// `e_tj = vᵀ tanh(W_a s_{t−1} + U_a h_j)`, `α_t = softmax_j(e_t)`, `c_t = Σ_j α_tj h_j`.
    public static func attentionForward(state s: [Float], values: [[Float]], weights w: AttentionWeights) -> AttentionStep {
        let A = w.energy.count, zero = [Float](repeating: 0, count: A)
        let projectedState = affine(w.query, s, zero)   // W_a s, [A]
        let hidden = values.map { h in add(projectedState, affine(w.key, h, zero)).map(tanh) }   // [S][A]
        let scores = hidden.map { row in zip(w.energy, row).reduce(Float(0)) { $0 + $1.0 * $1.1 } }   // e_t, [S]
        let largest = scores.max() ?? 0
        let exponentials = scores.map { Foundation.exp($0 - largest) }
        let total = exponentials.reduce(0, +)
        let alpha = exponentials.map { $0 / total }
        var context = [Float](repeating: 0, count: values.first?.count ?? 0)
        for (j, h) in values.enumerated() { for k in h.indices { context[k] += alpha[j] * h[k] } }
        return AttentionStep(state: s, values: values, hidden: hidden, weights: alpha, context: context)
    }

    /// From ∂L/∂c_t (`[V]`): adds the attention's weight gradients into `gradients` and returns
    /// ∂L/∂s_{t−1} and ∂L/∂h_j of every source position.
    public static func attentionBackward(
        _ step: AttentionStep, contextGradient dc: [Float], weights w: AttentionWeights, gradients: inout AttentionWeights
    ) -> (dState: [Float], dValues: [[Float]]) {
        let A = w.energy.count
        // c = Σ α_j h_j: ∂α_j = dc · h_j, ∂h_j = α_j dc
        let dAlpha = step.values.map { h in zip(dc, h).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
        var dValues = step.values.indices.map { j in dc.map { step.weights[j] * $0 } }
        // softmax: ∂e_j = α_j (∂α_j − Σ_k α_k ∂α_k)
        let mean = zip(step.weights, dAlpha).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        let dScores = step.values.indices.map { step.weights[$0] * (dAlpha[$0] - mean) }
        var dState = [Float](repeating: 0, count: step.state.count)
        var unused = [Float](repeating: 0, count: A)
        for j in step.values.indices {
            // e_j = vᵀ u_j, u_j = tanh(W_a s + U_a h_j)
            for a in 0..<A { gradients.energy[a] += dScores[j] * step.hidden[j][a] }
            let dPre = vector(A) { dScores[j] * w.energy[$0] * (1 - step.hidden[j][$0] * step.hidden[j][$0]) }
            dState = add(dState, affineBackward(dPre, w: w.query, x: step.state, dw: &gradients.query, db: &unused))
            dValues[j] = add(dValues[j], affineBackward(dPre, w: w.key, x: step.values[j], dw: &gradients.key, db: &unused))
        }
        return (dState, dValues)
    }
}
