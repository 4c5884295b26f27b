import RNNTrace

extension SequenceModel {
    /// The tensors to save, named and ordered as PyTorch's `state_dict`.
    public var namedTensors: [(name: String, tensor: Tensor)] { parameters.map { ($0.name, $0.value) } }

    /// Builds a model from a checkpoint holding `rnn.weight_ih_l0 …` and `fc.weight`, `fc.bias`
    /// (and `embedding.weight` for a model with an embedding) in PyTorch's layout; the cell kind,
    /// sizes and depth come from the tensor shapes, the readout from the metadata's `readout`.
    ///
    /// - Parameters:
    ///   - cell: the cell the caller expects; an error if the shapes say otherwise.
    ///   - source: the file's name, for errors.
    public convenience init(checkpoint: SafeTensorsFile, cell expected: CellKind? = nil, source: String) throws {
        func fail(_ message: String) -> CheckpointError { CheckpointError(source: source, message: message) }
        let recurrentHH = try checkpoint.tensor("rnn.weight_hh_l0", source: source)
        let recurrentIH = try checkpoint.tensor("rnn.weight_ih_l0", source: source)
        let output = try checkpoint.tensor("fc.weight", source: source)
        guard recurrentHH.shape.count == 2, recurrentHH.shape[1] > 0, recurrentIH.shape.count == 2, output.shape.count == 2
        else { throw fail("rnn.weight_hh_l0, rnn.weight_ih_l0 and fc.weight must be matrices") }
        let hidden = recurrentHH.shape[1]
        let gates = recurrentHH.shape[0] / hidden
        guard recurrentHH.shape[0] % hidden == 0, let inferred = CellKind(gateCount: gates) else {
            throw fail(
                "rnn.weight_hh_l0 has shape \(recurrentHH.shape): expected [G·H, H] with G = 1 (rnn), 4 (lstm) or 3 (gru)")
        }
        let named = checkpoint.metadata["cell"].flatMap(CellKind.init(rawValue:))
        for claimed in [expected, named].compactMap({ $0 }) where claimed != inferred {
            throw fail("the weights hold \(gates) gate blocks (\(inferred.rawValue)), not those of \(claimed.rawValue)")
        }
        var layers = 0
        while checkpoint.tensors["rnn.weight_ih_l\(layers)"] != nil { layers += 1 }
        let readout = checkpoint.metadata["readout"].flatMap(SequenceModelShape.Readout.init(rawValue:)) ?? .everyStep
        var inputSize = recurrentIH.shape[1], embeddingSize: Int?
        if let table = checkpoint.tensors["embedding.weight"] {
            guard table.shape.count == 2, table.shape[1] == recurrentIH.shape[1] else {
                throw fail("embedding.weight has shape \(table.shape): expected [tokens, \(recurrentIH.shape[1])], as rnn.weight_ih_l0 reads")
            }
            inputSize = table.shape[0]
            embeddingSize = table.shape[1]
        }
        let shape = SequenceModelShape(
            cell: inferred, inputSize: inputSize, hiddenSize: hidden, layers: layers,
            outputSize: output.shape[0], readout: readout, embeddingSize: embeddingSize)
        var unused = SeededGenerator(seed: 0)
        self.init(shape: shape, generator: &unused)
        try load(checkpoint, source: source)
    }

    /// Copies every parameter from `checkpoint`, checking names and shapes.
    public func load(_ checkpoint: SafeTensorsFile, source: String) throws {
        for parameter in parameters {
            let tensor = try checkpoint.tensor(parameter.name, source: source)
            guard tensor.shape == parameter.shape else {
                throw CheckpointError(
                    source: source, message: "tensor '\(parameter.name)' has shape \(tensor.shape), expected \(parameter.shape)")
            }
            parameter.value.copy(from: tensor)
            parameter.markChanged()
        }
    }
}
