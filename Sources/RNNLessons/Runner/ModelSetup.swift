import Foundation
import RNNCore
import RNNTrace

/// A lesson's model and optimizer, built from its settings with its seed: the model's weights
/// are drawn first, then the generator goes on to mini-batch orders.
struct ModelSetup {
    /// The lesson.
    let lesson: Lesson
    /// The model.
    let model: SequenceModel
    /// The optimizer over every parameter.
    let optimizer: any Optimizer
    /// The seeded generator after the weights were drawn.
    let generator: SeededGenerator

    init(
        lesson: Lesson, inputSize: Int, outputSize: Int, hiddenSize: Int, readout: SequenceModelShape.Readout,
        embeddingSize: Int? = nil
    ) {
        self.lesson = lesson
        var generator = SeededGenerator(seed: lesson.train.seed)
        model = SequenceModel(
            shape: SequenceModelShape(
                cell: lesson.model.cell, inputSize: inputSize, hiddenSize: hiddenSize, layers: lesson.model.layers,
                outputSize: outputSize, readout: readout, embeddingSize: embeddingSize),
            generator: &generator)
        if let forgetBias = lesson.model.forgetBias { model.setForgetBias(Float(forgetBias)) }
        optimizer = lesson.makeOptimizer(for: model.parameters)
        self.generator = generator
    }

    /// The gradient-norm limit, if any.
    var clip: Float? { lesson.clipLimit }

    /// The model for the trace.
    func info(featureNames: [String] = []) -> ModelInfo { ModelInfo(model, featureNames: featureNames) }

    /// "Adam, lr 0.1, seed 777" (with the batch size and clip when set).
    var optimizerCaption: String { lesson.optimizerCaption }

    /// The checkpoint metadata every lesson writes: what the model is and what trained it.
    func metadata(file: LessonFile, vocabulary: [String], extra: [String: String] = [:]) -> [String: String] {
        let shape = model.shape
        let model = [
            "cell": shape.cell.rawValue, "layers": String(shape.layers), "hidden": String(shape.hiddenSize),
            "readout": shape.readout.rawValue,
        ]
        return lesson.checkpointMetadata(file: file, vocabulary: vocabulary, model: model.merging(extra) { _, new in new })
    }

    /// Compact JSON of a value, keys sorted.
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
