import Foundation
import RNNCore
import RNNTrace

/// Reads and writes safetensors checkpoints on disk.
public enum CheckpointFile {
    /// Reads and checks a safetensors file.
    public static func read(_ url: URL) throws -> SafeTensorsFile {
        try SafeTensors.decode(AtomicFile.read(url), source: LessonFile.displayPath(url))
    }

    /// Writes tensors (F32, in the given order) and metadata atomically.
    public static func write(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String], to url: URL) throws {
        try AtomicFile.write(SafeTensors.encode(tensors, metadata: metadata), to: url)
    }

    /// Loads a character or regression model saved by RNNLab or by PyTorch (`rnn.*`, `fc.*`),
    /// one that reads vectors (not a word classifier's token indices).
    public static func readSequenceModel(_ url: URL, cell: CellKind? = nil) throws -> (SequenceModel, SafeTensorsFile) {
        let file = try read(url)
        return (try vectorModel(file, cell: cell, source: LessonFile.displayPath(url)), file)
    }

    /// The model of `file` when it reads input vectors; a model that looks tokens up in an
    /// embedding (a lesson's word classifier) is an error saying how to run it.
    static func vectorModel(_ file: SafeTensorsFile, cell: CellKind? = nil, source: String) throws -> SequenceModel {
        let model = try SequenceModel(checkpoint: file, cell: cell, source: source)
        guard model.embedding == nil else {
            throw LessonError(
                "\(source): the model looks its tokens up in an embedding (embedding.weight), as a lesson's word classifier; "
                    + "run it through its lesson, e.g. rnnlab inspect sentiment --input \"…\"")
        }
        return model
    }
}
