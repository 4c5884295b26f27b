import RNNCore
import RNNTrace

extension StepHistory {
    /// What every layer computed at step `t` for sequence `row` of the batch, as trace values,
    /// with ‖∂L/∂h_t‖ from `gradientNorms[layer][t]` (0 where none was computed).
    func layerTraces(at t: Int, row: Int = 0, gradientNorms: [[Float]] = []) -> [LayerStepTrace] {
        steps.indices.map { layer in
            let entry = steps[layer][t]
            func named(_ names: [String], _ block: [Float]) -> [String: [Float]] {
                guard !block.isEmpty else { return [:] }
                return Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, slice(block, gate: $0, row: row)) })
            }
            let norms = layer < gradientNorms.count ? gradientNorms[layer] : []
            return LayerStepTrace(
                h: self.row(entry.hidden, row), c: cell.hasCellState ? self.row(entry.cellState, row) : nil,
                gates: named(cell.gateNames, entry.activations),
                preActivations: named(cell.preActivationNames, entry.preActivations),
                gradientNorm: t < norms.count ? norms[t] : 0)
        }
    }
}
