import RNNTrace

/// Recurrent layers stacked so that layer k's input is layer k−1's hidden state.
public final class RecurrentStack {
    /// The layers, bottom first.
    public let layers: [RecurrentLayer]

    /// Creates `layerCount` layers of the same cell and width, named `prefix.weight_ih_l0`, …
    public init(
        cell: CellKind, inputSize: Int, hiddenSize: Int, layerCount: Int, prefix: String = "rnn",
        generator: inout SeededGenerator
    ) {
        precondition(layerCount >= 1, "a recurrent stack needs at least one layer")
        var layers: [RecurrentLayer] = []
        for index in 0..<layerCount {
            layers.append(
                RecurrentLayer(
                    cell: cell, inputSize: index == 0 ? inputSize : hiddenSize, hiddenSize: hiddenSize, index: index,
                    prefix: prefix, generator: &generator))
        }
        self.layers = layers
    }

    /// Creates a stack like `original` that reads its parameters' values and accumulates
    /// gradients of its own (`Parameter.init(sharingValueOf:)`).
    init(sharingParametersOf original: RecurrentStack) {
        layers = original.layers.map(RecurrentLayer.init(sharingParametersOf:))
    }

    /// The cell of every layer.
    public var cell: CellKind { layers[0].cell }
    /// The width of the bottom layer's input.
    public var inputSize: Int { layers[0].inputSize }
    /// The width of every hidden state.
    public var hiddenSize: Int { layers[0].hiddenSize }
    /// All parameters, layer by layer in PyTorch's order.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// Runs every layer over `[steps][batch][inputSize]` inputs and returns the top layer's
    /// `h_t` for every step. `initialState` gives each layer's starting `h` (and `c`); `mask`
    /// (`[steps][batch]`, 0 at padding) makes padded steps carry the state over, or, when
    /// `skippingEnded`, skips the rows of ended sequences; `hotIndices` tells the bottom layer
    /// that its input rows are one-hot (`RecurrentLayer.forward`).
    @discardableResult
    public func forward(
        _ input: UnsafePointer<Float>, steps: Int, batch: Int, initialState: RecurrentState? = nil,
        mask: UnsafePointer<Float>? = nil, skippingEnded: Bool = false, hotIndices: [Int]? = nil,
        recorder: (any StepRecorder)? = nil
    ) -> UnsafeMutablePointer<Float> {
        var current = input
        for (index, layer) in layers.enumerated() {
            current = UnsafePointer(
                layer.forward(
                    current, steps: steps, batch: batch, initialHidden: initialState.map { UnsafePointer($0.hidden[index].pointer) },
                    initialCell: initialState?.cell.map { UnsafePointer($0[index].pointer) }, mask: mask,
                    skippingEnded: skippingEnded, hotIndices: index == 0 ? hotIndices : nil, recorder: recorder))
        }
        return UnsafeMutablePointer(mutating: current)
    }

    /// Backpropagates from ∂L/∂h_t of the top layer (and optionally ∂L/∂ of the final state
    /// of each layer) down to the input; returns ∂L/∂x when `inputGradient` is true.
    @discardableResult
    public func backward(
        outputGradient: UnsafePointer<Float>?, finalStateGradient: RecurrentState? = nil, inputGradient: Bool = true
    ) -> UnsafeMutablePointer<Float>? {
        var gradient = outputGradient
        for (index, layer) in layers.enumerated().reversed() {
            let result = layer.backward(
                outputGradient: gradient,
                finalHiddenGradient: finalStateGradient.map { UnsafePointer($0.hidden[index].pointer) },
                finalCellGradient: finalStateGradient?.cell.map { UnsafePointer($0[index].pointer) },
                inputGradient: index > 0 || inputGradient)
            gradient = result.map { UnsafePointer($0) }
        }
        return gradient.map { UnsafeMutablePointer(mutating: $0) }
    }

    /// The state after the last step of the last forward pass.
    public func finalState() -> RecurrentState {
        let last = layers[0].steps - 1
        return state(hidden: { $0.hidden(at: last) }, cell: { $0.cellState(at: last) })
    }

    /// ∂L/∂ of the initial state after the last backward pass.
    public func initialStateGradient() -> RecurrentState {
        state(hidden: { $0.initialHiddenGradient }, cell: { $0.initialCellGradient })
    }

    /// Copies one `[batch][H]` block per layer out of the layers' workspaces.
    private func state(
        hidden: (RecurrentLayer) -> UnsafeMutablePointer<Float>, cell: (RecurrentLayer) -> UnsafeMutablePointer<Float>
    ) -> RecurrentState {
        let batch = layers[0].batch
        func copy(_ pointer: UnsafeMutablePointer<Float>) -> Tensor {
            let tensor = Tensor(shape: [batch, hiddenSize])
            tensor.pointer.update(from: pointer, count: tensor.count)
            return tensor
        }
        return RecurrentState(
            hidden: layers.map { copy(hidden($0)) },
            cell: self.cell.hasCellState ? layers.map { copy(cell($0)) } : nil)
    }
}

/// The state of every layer of a stack: `h` and, for the LSTM, `c`, each `[batch][H]`.
public struct RecurrentState {
    /// Each layer's hidden state, bottom first.
    public var hidden: [Tensor]
    /// Each layer's cell state (LSTM only).
    public var cell: [Tensor]?

    /// Creates a state from per-layer tensors.
    public init(hidden: [Tensor], cell: [Tensor]? = nil) {
        self.hidden = hidden
        self.cell = cell
    }

    /// A zero state for `layers` layers of `batch × hiddenSize`.
    public static func zeros(layers: Int, batch: Int, hiddenSize: Int, cell: CellKind) -> RecurrentState {
        RecurrentState(
            hidden: (0..<layers).map { _ in Tensor(shape: [batch, hiddenSize]) },
            cell: cell.hasCellState ? (0..<layers).map { _ in Tensor(shape: [batch, hiddenSize]) } : nil)
    }
}
