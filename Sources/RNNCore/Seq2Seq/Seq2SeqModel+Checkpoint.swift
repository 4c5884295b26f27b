import RNNTrace

extension Seq2SeqModel {
    /// Builds a model from a checkpoint written from `namedTensors`; the shape comes from the
    /// tensor shapes (attention when `attention.query.weight` is present, a bidirectional encoder
    /// when `encoder.rnn.weight_hh_l0_reverse` is).
    public convenience init(checkpoint: SafeTensorsFile, source: String) throws {
        func fail(_ message: String) -> CheckpointError { CheckpointError(source: source, message: message) }
        let embedding = try checkpoint.tensor("encoder.embedding.weight", source: source)
        let recurrent = try checkpoint.tensor("encoder.rnn.weight_hh_l0", source: source)
        guard embedding.shape.count == 2, recurrent.shape.count == 2, recurrent.shape[1] > 0,
            recurrent.shape[0] % recurrent.shape[1] == 0,
            let cell = CellKind(gateCount: recurrent.shape[0] / recurrent.shape[1])
        else {
            throw fail("encoder.rnn.weight_hh_l0 has shape \(recurrent.shape): expected [G·H, H] with G = 1, 3 or 4")
        }
        var layers = 0
        while checkpoint.tensors["encoder.rnn.weight_hh_l\(layers)"] != nil { layers += 1 }
        let shape = Seq2SeqShape(
            cell: cell, vocabularySize: embedding.shape[0], embeddingSize: embedding.shape[1],
            hiddenSize: recurrent.shape[1], layers: layers, attention: checkpoint.tensors["attention.query.weight"] != nil,
            bidirectional: checkpoint.tensors["encoder.rnn.weight_hh_l0_reverse"] != nil)
        var unused = SeededGenerator(seed: 0)
        self.init(shape: shape, generator: &unused)
        for parameter in parameters {
            let tensor = try checkpoint.tensor(parameter.name, source: source)
            guard tensor.shape == parameter.shape else {
                throw fail("tensor '\(parameter.name)' has shape \(tensor.shape), expected \(parameter.shape)")
            }
            parameter.value.copy(from: tensor)
            parameter.markChanged()
        }
    }
}
