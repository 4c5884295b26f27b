import RNNCore
import RNNTrace

extension ModelInfo {
    /// The description of a character or regression model for a trace.
    init(_ model: SequenceModel, featureNames: [String] = []) {
        let shape = model.shape
        self.init(
            cell: shape.cell, layers: shape.layers, hiddenSize: shape.hiddenSize, inputSize: shape.inputSize,
            outputSize: shape.outputSize, featureNames: featureNames, embeddingSize: shape.embeddingSize,
            parameterCount: model.parameters.reduce(0) { $0 + $1.value.count })
    }

    /// The description of a seq2seq model for a trace.
    init(_ model: Seq2SeqModel) {
        let shape = model.shape
        self.init(
            cell: shape.cell, layers: shape.layers, hiddenSize: shape.hiddenSize,
            inputSize: shape.embeddingSize, outputSize: shape.vocabularySize, embeddingSize: shape.embeddingSize,
            attention: shape.attention ? .bahdanau : AttentionKind.none, parameterCount: model.parameters.reduce(0) { $0 + $1.value.count })
        bidirectional = shape.bidirectional ? true : nil
    }
}
