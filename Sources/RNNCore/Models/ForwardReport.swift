/// Every value of one forward (and, with targets, backward) pass of a `SequenceModel`, laid
/// out batch-first as PyTorch's `batch_first=True` and named as the parity reference files.
///
/// A user can compare it with their own PyTorch model number by number: every field has the
/// name and layout of the reference files PyTorch wrote (`Tests/RNNCoreTests/Resources/parity`).
public struct ForwardReport: Codable, Sendable {
    /// One layer's states over the batch: `[batch][steps][H]` each.
    public struct LayerValues: Codable, Sendable {
        /// `h_t` after every step.
        public var h: NestedArray
        /// `c_t` after every step (LSTM).
        public var c: NestedArray?
        /// Gate activations by name (LSTM `i f g o`, GRU `r z n`).
        public var gates: [String: NestedArray]?
    }

    public var cell: String
    public var numLayers: Int
    public var batch: Int
    public var seqLen: Int
    public var inputSize: Int
    public var hiddenSize: Int
    public var outputSize: Int
    public var layers: [LayerValues]
    public var rnnOutput: NestedArray
    public var hN: NestedArray
    public var cN: NestedArray?
    public var logits: NestedArray
    public var loss: Float?
    public var grads: [String: NestedArray]?
    public var gradLogits: NestedArray?
    public var gradRnnOutput: NestedArray?
    public var gradInput: NestedArray?
    /// ‖∂L/∂h_t‖ over the batch, `[layer][step]`.
    public var gradientNorms: [[Float]]?

    enum CodingKeys: String, CodingKey {
        case cell, numLayers = "num_layers", batch, seqLen = "seq_len", inputSize = "input_size"
        case hiddenSize = "hidden_size", outputSize = "output_size", layers, rnnOutput = "rnn_output"
        case hN = "h_n", cN = "c_n", logits, loss, grads, gradLogits = "grad_logits"
        case gradRnnOutput = "grad_rnn_output", gradInput = "grad_input", gradientNorms = "gradient_norms"
    }

    /// Runs `model` on `input` (`[batch][steps][inputSize]`) from a zero state; with `targets`
    /// (`[batch][steps]` class indices) also computes the mean cross-entropy and every gradient.
    ///
    /// The model's gradients are reset first and hold this pass's gradients afterwards.
    public init(model: SequenceModel, input: [[[Float]]], targets: [[Int]]? = nil) {
        let shape = model.shape
        let batch = input.count, steps = input.first?.count ?? 0
        let H = shape.hiddenSize, outputs = shape.outputSize
        // Batch-first → time-major.
        let timeMajor = Tensor(shape: [steps, batch, shape.inputSize])
        for b in 0..<batch {
            for t in 0..<steps {
                for f in 0..<shape.inputSize { timeMajor[(t * batch + b) * shape.inputSize + f] = input[b][t][f] }
            }
        }
        func batchFirst(_ pointer: UnsafePointer<Float>, width: Int) -> NestedArray {
            var values = [Float](repeating: 0, count: batch * steps * width)
            for b in 0..<batch {
                for t in 0..<steps {
                    for j in 0..<width { values[(b * steps + t) * width + j] = pointer[(t * batch + b) * width + j] }
                }
            }
            return NestedArray(values, shape: [batch, steps, width])
        }

        let history = StepHistory()
        for parameter in model.parameters { parameter.zeroGradient() }
        let logitsPointer = model.forward(timeMajor.pointer, steps: steps, batch: batch, recorder: history)
        let rows = model.outputRows
        let logitValues = Array(UnsafeBufferPointer(start: logitsPointer, count: rows * outputs))

        cell = shape.cell.rawValue
        numLayers = shape.layers
        self.batch = batch
        seqLen = steps
        inputSize = shape.inputSize
        hiddenSize = H
        outputSize = outputs
        layers = model.recurrent.layers.map { layer in
            var gates: [String: NestedArray] = [:]
            for (gate, name) in shape.cell.gateNames.enumerated() {
                var values = [Float](repeating: 0, count: batch * steps * H)
                for t in 0..<steps {
                    let block = history.steps[layer.index][t].activations
                    for b in 0..<batch {
                        let slice = history.slice(block, gate: gate, row: b)
                        for j in 0..<H { values[(b * steps + t) * H + j] = slice[j] }
                    }
                }
                gates[name] = NestedArray(values, shape: [batch, steps, H])
            }
            return LayerValues(
                h: batchFirst(layer.outputs, width: H),
                c: shape.cell.hasCellState ? batchFirst(layer.cellState(at: 0), width: H) : nil,
                gates: gates.isEmpty ? nil : gates)
        }
        rnnOutput = layers[layers.count - 1].h
        let final = model.recurrent.finalState()
        hN = NestedArray(final.hidden.flatMap(\.values), shape: [shape.layers, batch, H])
        cN = final.cell.map { NestedArray($0.flatMap(\.values), shape: [shape.layers, batch, H]) }
        logits = shape.readout == .everyStep
            ? batchFirst(logitsPointer, width: outputs) : NestedArray(logitValues, shape: [batch, outputs])

        guard let targets, shape.readout == .everyStep else { return }
        var timeMajorTargets = [Int](repeating: 0, count: steps * batch)
        for b in 0..<batch { for t in 0..<steps { timeMajorTargets[t * batch + b] = targets[b][t] } }
        let gradient = Tensor(shape: [rows, outputs])
        loss = CrossEntropy.loss(
            logits: logitsPointer, targets: timeMajorTargets, classes: outputs, gradient: gradient.pointer)
        let inputGradient = model.backward(gradient.pointer, inputGradient: true)!
        grads = Dictionary(uniqueKeysWithValues: model.parameters.map { ($0.name, NestedArray($0.gradient)) })
        gradLogits = batchFirst(gradient.pointer, width: outputs)
        gradRnnOutput = batchFirst(model.head.lastInputGradient, width: H)
        gradInput = batchFirst(inputGradient, width: shape.inputSize)
        gradientNorms = model.recurrent.layers.map(\.gradientNorms)
    }
}
