/// The shape of a trained model.
public struct ModelInfo: Codable, Sendable, Equatable {
    /// The recurrent cell (`rnn`, `lstm` or `gru` in the file).
    public var cell: CellKind
    /// The number of stacked recurrent layers.
    public var layers: Int
    /// The width of each hidden state.
    public var hiddenSize: Int
    /// The width of each input vector (vocabulary size for one-hot input).
    public var inputSize: Int
    /// The width of each output vector.
    public var outputSize: Int
    /// The names of the input features (regression), else empty.
    public var featureNames: [String]
    /// The embedding width of a seq2seq model.
    public var embeddingSize: Int?
    /// Whether a seq2seq decoder attends to the encoder (`bahdanau`) or not (`none`).
    public var attention: AttentionKind?
    /// Whether a seq2seq encoder reads the question both ways.
    public var bidirectional: Bool?
    /// The number of trainable parameters.
    public var parameterCount: Int

    /// Creates a model description.
    public init(
        cell: CellKind, layers: Int, hiddenSize: Int, inputSize: Int, outputSize: Int,
        featureNames: [String] = [], embeddingSize: Int? = nil, attention: AttentionKind? = nil,
        parameterCount: Int
    ) {
        self.cell = cell
        self.layers = layers
        self.hiddenSize = hiddenSize
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.featureNames = featureNames
        self.embeddingSize = embeddingSize
        self.attention = attention
        self.parameterCount = parameterCount
    }

    /// "LSTM, 1 layer, hidden 5" — for subtitles.
    public var caption: String {
        var text = "\(cell.displayName), \(layers) layer\(layers == 1 ? "" : "s"), hidden \(hiddenSize)"
        if let embeddingSize { text += ", embedding \(embeddingSize)" }
        if bidirectional == true { text += ", bidirectional encoder" }
        if let attention, attention != .none { text += ", \(attention.rawValue) attention" }
        return text
    }
}
