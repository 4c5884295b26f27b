import RNNTrace

/// A bidirectional recurrent encoder, as PyTorch's `bidirectional=True` with packed sequences:
/// every layer runs one recurrent layer forward over each sequence and another backward, from
/// the sequence's last real token to its first, and concatenates their states,
/// `[h→_t ; h←_t]` (`[steps][batch][2H]`, zero at padded steps). Layer k > 0 reads layer k − 1's
/// concatenated states. Each position then knows what comes before *and* after it — what
/// Bahdanau et al. (2014) gave their attention to read.
///
/// Parameters are PyTorch's, drawn in `state_dict` order: per layer `prefix.weight_ih_lK …`
/// (forward), then `prefix.weight_ih_lK_reverse …` (backward). A decoder that starts from this
/// encoder gets, per layer, the *bridge* of both directions' last states (`finalState()`):
///
///     s_0 = tanh(W_bridge [h→_last ; h←_first] + b_bridge)        (prefix `bridge_lK`)
///
/// with the LSTM cell state starting from zero.
public final class BidirectionalStack {
    /// The layers reading each sequence forward, bottom first.
    public let forwardLayers: [RecurrentLayer]
    /// The layers reading each sequence backward (from its last real token), bottom first.
    public let reverseLayers: [RecurrentLayer]
    /// Per layer, the projection of both directions' last states to the decoder's first state.
    public let bridges: [Linear]

    private var steps = 0
    private var batch = 0
    /// Each sequence's number of real tokens in the last forward pass.
    private var lengths: [Int] = []
    /// Per layer: the reversed input (read by the reverse layer until `backward`) and the
    /// concatenated outputs (the next layer's input); the bridges' inputs and outputs.
    private var reversedInputs: [Workspace]
    private var outputs: [Workspace]
    private var bridgeInputs: [Workspace]
    private var bridgeOutputs: [Workspace]
    private var scratch = Workspace()
    private var forwardGradient = Workspace()
    private var reverseGradient = Workspace()
    private var inputGradients: [Workspace]
    private var bridgeGradient = Workspace()

    /// Creates `layerCount` layers of `cell`, `hiddenSize` wide in each direction.
    public init(
        cell: CellKind, inputSize: Int, hiddenSize: Int, layerCount: Int, prefix: String, generator: inout SeededGenerator
    ) {
        precondition(layerCount >= 1, "a stack needs at least one layer")
        var forward: [RecurrentLayer] = [], reverse: [RecurrentLayer] = []
        for index in 0..<layerCount {
            let width = index == 0 ? inputSize : 2 * hiddenSize
            forward.append(
                RecurrentLayer(cell: cell, inputSize: width, hiddenSize: hiddenSize, index: index, prefix: prefix, generator: &generator))
            reverse.append(
                RecurrentLayer(
                    cell: cell, inputSize: width, hiddenSize: hiddenSize, index: index, prefix: prefix, suffix: "_reverse",
                    generator: &generator))
        }
        forwardLayers = forward
        reverseLayers = reverse
        bridges = (0..<layerCount).map { index in
            Linear(inputSize: 2 * hiddenSize, outputSize: hiddenSize, name: "\(prefix).bridge_l\(index)", generator: &generator)
        }
        (reversedInputs, outputs, bridgeInputs, bridgeOutputs, inputGradients) = Self.workspaces(layerCount)
    }

    /// Creates a stack like `original` that reads its parameters' values and accumulates
    /// gradients of its own (`Parameter.init(sharingValueOf:)`).
    init(sharingParametersOf original: BidirectionalStack) {
        forwardLayers = original.forwardLayers.map(RecurrentLayer.init(sharingParametersOf:))
        reverseLayers = original.reverseLayers.map(RecurrentLayer.init(sharingParametersOf:))
        bridges = original.bridges.map(Linear.init(sharingParametersOf:))
        (reversedInputs, outputs, bridgeInputs, bridgeOutputs, inputGradients) = Self.workspaces(original.forwardLayers.count)
    }

    private static func workspaces(_ count: Int) -> ([Workspace], [Workspace], [Workspace], [Workspace], [Workspace]) {
        let make = { Array(repeating: Workspace(), count: count) }
        return (make(), make(), make(), make(), make())
    }

    /// The width of each direction's state.
    public var hiddenSize: Int { forwardLayers[0].hiddenSize }
    /// The width of the outputs: both directions, `2H`.
    public var outputWidth: Int { 2 * hiddenSize }
    /// The parameters in PyTorch's order (per layer forward, then reverse), then the bridges.
    public var parameters: [Parameter] {
        zip(forwardLayers, reverseLayers).flatMap { $0.parameters + $1.parameters } + bridges.flatMap(\.parameters)
    }
    /// The cached transposes of every weight the forward pass multiplies by.
    var transposes: [TransposedWeight] {
        (forwardLayers + reverseLayers).flatMap(\.transposes) + bridges.map(\.weightT)
    }

    /// Step `t` of sequence `b` as the reverse direction reads it: its real tokens backwards,
    /// its padding where it is. The mapping is its own inverse.
    private func reversed(_ t: Int, _ b: Int) -> Int { t < lengths[b] ? lengths[b] - 1 - t : t }

    /// Copies `[steps][batch][width]` rows, row (t, b) from row (`reversed(t, b)`, b).
    private func reorder(_ source: UnsafePointer<Float>, width: Int, into destination: UnsafeMutablePointer<Float>) {
        for t in 0..<steps {
            for b in 0..<batch {
                (destination + (t * batch + b) * width).update(from: source + (reversed(t, b) * batch + b) * width, count: width)
            }
        }
    }

    // MARK: Forward

    /// Runs every layer over `[steps][batch][inputSize]` inputs and returns the top layer's
    /// `[h→_t ; h←_t]`, `[steps][batch][2H]` (zero at padded steps). `mask` (`[steps][batch]`,
    /// each sequence's tokens first) gives the lengths; `recorder` sees the forward direction.
    @discardableResult
    public func forward(
        _ input: UnsafePointer<Float>, steps: Int, batch: Int, mask: UnsafePointer<Float>? = nil,
        recorder: (any StepRecorder)? = nil
    ) -> UnsafeMutablePointer<Float> {
        self.steps = steps
        self.batch = batch
        lengths = (0..<batch).map { b in mask.map { mask in (0..<steps).filter { mask[$0 * batch + b] != 0 }.count } ?? steps }
        let H = hiddenSize
        var current = input
        for index in forwardLayers.indices {
            let width = forwardLayers[index].inputSize
            let forwardStates = forwardLayers[index].forward(current, steps: steps, batch: batch, mask: mask, recorder: recorder)
            let reversedInput = reversedInputs[index].reserve(steps * batch * width)
            reorder(current, width: width, into: reversedInput)
            let reverseStates = reverseLayers[index].forward(reversedInput, steps: steps, batch: batch, mask: mask)
            let output = outputs[index].reserve(steps * batch * 2 * H)
            for t in 0..<steps {
                for b in 0..<batch {
                    let row = output + (t * batch + b) * 2 * H
                    guard t < lengths[b] else {
                        row.update(repeating: 0, count: 2 * H)
                        continue
                    }
                    row.update(from: forwardStates + (t * batch + b) * H, count: H)
                    (row + H).update(from: reverseStates + (reversed(t, b) * batch + b) * H, count: H)
                }
            }
            current = UnsafePointer(output)
        }
        return UnsafeMutablePointer(mutating: current)
    }

    /// Per layer, both directions' last states as PyTorch's `h_n` orders them: `[2·layers]` of
    /// `[batch][H]`, forward then reverse (the reverse direction's last state is at each
    /// sequence's first token); `c_n` for the LSTM.
    public func directionStates() -> RecurrentState {
        let last = steps - 1
        func copy(_ pointer: UnsafeMutablePointer<Float>) -> Tensor {
            let tensor = Tensor(shape: [batch, hiddenSize])
            tensor.pointer.update(from: pointer, count: tensor.count)
            return tensor
        }
        let pairs = zip(forwardLayers, reverseLayers)
        return RecurrentState(
            hidden: pairs.flatMap { [copy($0.hidden(at: last)), copy($1.hidden(at: last))] },
            cell: forwardLayers[0].cell.hasCellState ? pairs.flatMap { [copy($0.cellState(at: last)), copy($1.cellState(at: last))] } : nil)
    }

    /// The decoder's first state after the last forward pass: per layer the bridge
    /// `tanh(W [h→ ; h←] + b)` of both directions' last states, `[batch][H]`; the LSTM's cell
    /// state zero.
    public func finalState() -> RecurrentState {
        let H = hiddenSize, last = steps - 1
        var hidden: [Tensor] = []
        for index in forwardLayers.indices {
            let joined = bridgeInputs[index].reserve(batch * 2 * H)
            for b in 0..<batch {
                (joined + b * 2 * H).update(from: forwardLayers[index].hidden(at: last) + b * H, count: H)
                (joined + b * 2 * H + H).update(from: reverseLayers[index].hidden(at: last) + b * H, count: H)
            }
            let projected = bridges[index].forward(joined, rows: batch)
            let state = bridgeOutputs[index].reserve(batch * H)
            Activation.tanh(projected, state, count: batch * H)
            let tensor = Tensor(shape: [batch, H])
            tensor.pointer.update(from: state, count: batch * H)
            hidden.append(tensor)
        }
        let cell = forwardLayers[0].cell.hasCellState ? hidden.map { _ in Tensor(shape: [batch, H]) } : nil
        return RecurrentState(hidden: hidden, cell: cell)
    }

    // MARK: Backward

    /// Backpropagates through the bridges and both directions of every layer, and returns
    /// ∂L/∂input (`[steps][batch][inputSize]`) when `inputGradient`, valid until the next call.
    ///
    /// - Parameters:
    ///   - outputGradient: ∂L/∂outputs of the top layer, `[steps][batch][2H]`, or `nil`.
    ///   - finalStateGradient: ∂L/∂ of the decoder's first state (`finalState()`, which must have
    ///     been called after the forward pass), per layer `[batch][H]`; its cell state is a constant.
    ///   - directionStateGradient: ∂L/∂ of the directions' last states themselves, laid out as
    ///     `directionStates()` (PyTorch's `h_n` and `c_n`).
    @discardableResult
    public func backward(
        outputGradient: UnsafePointer<Float>?, finalStateGradient: RecurrentState? = nil,
        directionStateGradient: RecurrentState? = nil, inputGradient: Bool = true
    ) -> UnsafeMutablePointer<Float>? {
        let H = hiddenSize
        var above = outputGradient
        for index in forwardLayers.indices.reversed() {
            // ∂L/∂ of both directions' last states: given directly, plus through the bridge
            // (tanh: 1 − s², then the projection).
            let last = scratch.reserve(2 * batch * H, zeroed: true)
            if let stateGradient = finalStateGradient?.hidden[index].pointer {
                let state = bridgeOutputs[index].pointer
                let preActivation = bridgeGradient.reserve(batch * H)
                for j in 0..<batch * H { preActivation[j] = stateGradient[j] * (1 - state[j] * state[j]) }
                let joined = bridges[index].backward(preActivation)
                for b in 0..<batch {
                    for u in 0..<H {
                        last[b * H + u] += joined[b * 2 * H + u]
                        last[(batch + b) * H + u] += joined[b * 2 * H + H + u]
                    }
                }
            }
            if let direct = directionStateGradient {
                for j in 0..<batch * H {
                    last[j] += direct.hidden[2 * index].pointer[j]
                    last[batch * H + j] += direct.hidden[2 * index + 1].pointer[j]
                }
            }
            let hasLast = finalStateGradient != nil || directionStateGradient != nil
            let lastForward = hasLast ? UnsafePointer(last) : nil, lastReverse = hasLast ? UnsafePointer(last + batch * H) : nil
            let cells = directionStateGradient?.cell
            let lastForwardCell = cells.map { UnsafePointer($0[2 * index].pointer) }
            let lastReverseCell = cells.map { UnsafePointer($0[2 * index + 1].pointer) }
            // ∂L/∂[h→_t ; h←_t] split by direction, the reverse one in its own order; padded steps have none.
            var forwardStepGradient: UnsafePointer<Float>?, reverseStepGradient: UnsafePointer<Float>?
            if let above {
                let toForward = forwardGradient.reserve(steps * batch * H), toReverse = reverseGradient.reserve(steps * batch * H)
                for t in 0..<steps {
                    for b in 0..<batch {
                        let row = above + (t * batch + b) * 2 * H
                        let forwardRow = toForward + (t * batch + b) * H, reverseRow = toReverse + (reversed(t, b) * batch + b) * H
                        if t < lengths[b] {
                            forwardRow.update(from: row, count: H)
                            reverseRow.update(from: row + H, count: H)
                        } else {
                            forwardRow.update(repeating: 0, count: H)
                            reverseRow.update(repeating: 0, count: H)
                        }
                    }
                }
                forwardStepGradient = UnsafePointer(toForward)
                reverseStepGradient = UnsafePointer(toReverse)
            }
            let wantsInput = index > 0 || inputGradient
            let fromForward = forwardLayers[index].backward(
                outputGradient: forwardStepGradient, finalHiddenGradient: lastForward, finalCellGradient: lastForwardCell,
                inputGradient: wantsInput)
            let fromReverse = reverseLayers[index].backward(
                outputGradient: reverseStepGradient, finalHiddenGradient: lastReverse, finalCellGradient: lastReverseCell,
                inputGradient: wantsInput)
            guard wantsInput, let fromForward, let fromReverse else { return nil }
            // ∂L/∂x_t: the forward direction's at t plus the reverse direction's at its own step for t.
            let width = forwardLayers[index].inputSize
            let result = inputGradients[index].reserve(steps * batch * width)
            reorder(fromReverse, width: width, into: result)
            for j in 0..<steps * batch * width { result[j] = fromForward[j] + result[j] }
            above = UnsafePointer(result)
        }
        return above.map { UnsafeMutablePointer(mutating: $0) }
    }
}
