import RNNTrace

/// A recurrent layer unrolled over one sequence, and backpropagation through time.
extension Reference {
    /// Runs `cell` over `inputs` (`[T][X]`) from a zero state; returns every step (`h_t` is
    /// `steps[t].hidden`).
    public static func layerForward(_ cell: CellKind, inputs: [[Float]], hiddenSize H: Int, weights: CellWeights) -> [CellStep] {
        var hidden = [Float](repeating: 0, count: H)
        var cellState: [Float]? = cell == .lstm ? [Float](repeating: 0, count: H) : nil
        var steps: [CellStep] = []
        for x in inputs {
            let step = cellForward(cell, x: x, hidden: hidden, cell: cellState, weights: weights)
            hidden = step.hidden
            cellState = step.cell
            steps.append(step)
        }
        return steps
    }

    /// Backpropagation through time: from ∂L/∂h_t of every step (`[T][H]`, what the layer above
    /// or the output sends), walks the steps from the last to the first, each adding the gradient
    /// carried from the step after it. Returns ∂L/∂x_t of every step, the weights' gradients and
    /// ‖∂L/∂h_t‖ of every step (what the gradient-flow figures draw).
    public static func layerBackward(
        _ cell: CellKind, steps: [CellStep], outputGradients: [[Float]], weights: CellWeights
    ) -> (inputGradients: [[Float]], gradients: CellWeights, hiddenGradientNorms: [Float]) {
        let H = outputGradients.first?.count ?? 0
        var gradients = weights.zeros
        var carriedHidden = [Float](repeating: 0, count: H)
        var carriedCell: [Float]? = cell == .lstm ? [Float](repeating: 0, count: H) : nil
        var inputGradients = [[Float]](repeating: [], count: steps.count)
        var norms = [Float](repeating: 0, count: steps.count)
        for t in steps.indices.reversed() {
            let dh = add(outputGradients[t], carriedHidden)
            norms[t] = dh.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let result = cellBackward(cell, step: steps[t], dh: dh, dc: carriedCell, weights: weights, gradients: &gradients)
            inputGradients[t] = result.dx
            carriedHidden = result.dPreviousHidden
            carriedCell = result.dPreviousCell
        }
        return (inputGradients, gradients, norms)
    }
}
