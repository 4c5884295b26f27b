import Foundation
import RNNCore
import RNNTrace

/// A trained network ready to be stepped through, inspected, sampled from or talked to: a
/// lesson's checkpoint (see `LessonModelStore`) or a character model saved elsewhere.
public struct LoadedModel {
    /// The network itself.
    public enum Network {
        /// A character (every-step readout) or regression (last-step readout) model.
        case sequence(SequenceModel)
        /// An encoder–decoder; answers are at most `maxAnswerLength` tokens.
        case seq2seq(Seq2SeqModel, maxAnswerLength: Int)
    }

    /// The network.
    public let network: Network
    /// Its tokens: characters, words (with the special tokens first), or none for regression.
    public let vocabulary: Vocabulary
    /// The lesson it belongs to (for a model from outside: the file's name, task `next-char`).
    public let lesson: LessonInfo
    /// The lesson file, whose data gives targets, the default input and the regression window;
    /// `nil` for a model from outside.
    public let file: LessonFile?
    /// The checkpoint's `__metadata__`.
    public let metadata: [String: String]
    /// The snapshot iteration the weights are from, or `nil` for the final weights.
    public let iteration: Int?
    /// The folder the weights came from, where frames and pictures are saved.
    public let folder: URL

    /// The task, as a lesson names it.
    public var task: LessonTask {
        if let file { return file.lesson.task }
        switch network {
        case .seq2seq: return .seq2seq
        case .sequence(let model): return model.shape.readout == .lastStep ? .regression : .nextCharacter
        }
    }

    /// Loads a character model trained elsewhere: PyTorch's `rnn.*` and `fc.*` tensors, the
    /// vocabulary given (each token one input and one output class) or read from the file's
    /// metadata `vocabulary` (a JSON array). The vocabulary must match the output size; it must
    /// match the input size too for characters as input (a model fed other features takes them
    /// as `ModelInput.features`).
    ///
    /// - Throws: `CheckpointError`, `FileError`, or `LessonError` when the vocabulary is missing or
    ///   its size does not match the model's input and output sizes.
    public static func external(_ url: URL, vocabulary tokens: [String]?) throws -> LoadedModel {
        let source = LessonFile.displayPath(url)
        let checkpoint = try CheckpointFile.read(url)
        let model = try CheckpointFile.vectorModel(checkpoint, source: source)
        guard let tokens = tokens ?? checkpoint.metadata["vocabulary"].flatMap(Self.decodeTokens) else {
            throw LessonError("\(source): no vocabulary in the file; pass --vocab \"helo\" or --vocab-file FILE (one token a line)")
        }
        let vocabulary = Vocabulary(tokens: tokens, specialTokens: false)
        guard vocabulary.count == tokens.count else {
            throw LessonError("\(source): the vocabulary repeats a token; expected each token once")
        }
        let shape = model.shape
        guard shape.readout == .everyStep, vocabulary.count == shape.outputSize else {
            throw LessonError(
                "\(source): the vocabulary has \(vocabulary.count) tokens, but the model gives \(shape.outputSize) outputs; "
                    + "expected one token per output (and per input)")
        }
        let name = url.deletingPathExtension().lastPathComponent
        return LoadedModel(
            network: .sequence(model), vocabulary: vocabulary,
            lesson: LessonInfo(name: name, title: "\(name): a model from \(source)", source: source, task: .nextCharacter),
            file: nil, metadata: checkpoint.metadata, iteration: nil, folder: url.deletingLastPathComponent())
    }

    /// Checks that the model reads one-hot characters of its vocabulary.
    func requireOneHot(_ model: SequenceModel) throws {
        guard model.shape.inputSize == vocabulary.count else {
            throw LessonError(
                "\(lesson.source): the model takes \(model.shape.inputSize) input features, not one-hot characters of its "
                    + "\(vocabulary.count)-token vocabulary; give the input as --input-json [steps][features]")
        }
    }

    /// A lesson's model with the weights of `url`, trained elsewhere (by the lesson's PyTorch
    /// export, say), read as the lesson's task says; a character model without a vocabulary in
    /// its metadata takes the lesson's text's.
    ///
    /// - Throws: `CheckpointError` or `FileError` when the file cannot be read or does not hold
    ///   such a model, `LessonError` when the lesson's data cannot be read.
    public static func lesson(_ file: LessonFile, weights url: URL) throws -> LoadedModel {
        try lesson(file, checkpoint: url, iteration: nil, folder: url.deletingLastPathComponent())
    }

    /// Loads a lesson's checkpoint at `url` (in the lesson's output `folder`) as the lesson's task says.
    static func lesson(_ file: LessonFile, checkpoint url: URL, iteration: Int?, folder: URL) throws -> LoadedModel {
        try lesson(file, checkpoint: CheckpointFile.read(url), source: LessonFile.displayPath(url), iteration: iteration, folder: folder)
    }

    /// Loads a lesson's checkpoint read from `source` (a file, or weights kept in memory).
    static func lesson(_ file: LessonFile, checkpoint: SafeTensorsFile, source: String, iteration: Int?, folder: URL) throws
        -> LoadedModel
    {
        var tokens = checkpoint.metadata["vocabulary"].flatMap(Self.decodeTokens) ?? []
        if tokens.isEmpty && file.lesson.task == .nextCharacter { tokens = try CharacterDataset.load(from: file).vocabulary.tokens }
        let lesson = file.lesson
        let network: Network
        let vocabulary: Vocabulary
        switch lesson.task {
        case .nextCharacter, .regression, .classify, .generate:
            network = .sequence(try SequenceModel(checkpoint: checkpoint, source: source))
            vocabulary = Vocabulary(tokens: tokens, specialTokens: false)
        case .seq2seq:
            let model = try Seq2SeqModel(checkpoint: checkpoint, source: source)
            vocabulary = Vocabulary(tokens: tokens, specialTokens: true)
            guard vocabulary.count == model.shape.vocabularySize else {
                throw CheckpointError(source: source, message: "the metadata's vocabulary does not match the embedding's size")
            }
            network = .seq2seq(model, maxAnswerLength: checkpoint.metadata["max_answer_length"].flatMap(Int.init) ?? 30)
        }
        return LoadedModel(
            network: network, vocabulary: vocabulary,
            lesson: lesson.info,
            file: file, metadata: checkpoint.metadata, iteration: iteration,
            folder: folder)
    }

    /// The tokens of a JSON array of texts, or `nil`.
    static func decodeTokens(_ json: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(json.utf8))
    }
}
