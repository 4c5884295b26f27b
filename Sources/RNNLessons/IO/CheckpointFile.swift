import Foundation
import RNNCore

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

    /// Loads a character or regression model saved by RNNLab or by PyTorch (`rnn.*`, `fc.*`).
    public static func readSequenceModel(_ url: URL, cell: CellKind? = nil) throws -> (SequenceModel, SafeTensorsFile) {
        let file = try read(url)
        return (try SequenceModel(checkpoint: file, cell: cell, source: LessonFile.displayPath(url)), file)
    }
}
