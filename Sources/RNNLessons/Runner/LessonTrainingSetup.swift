import Foundation
import RNNCore

extension Lesson {
    /// The optimizer the lesson asks for, over `parameters`.
    func makeOptimizer(for parameters: [Parameter]) -> any Optimizer {
        let rate = Float(train.learningRate)
        switch train.optimizer {
        case .adam: return Adam(parameters: parameters, learningRate: rate)
        case .sgd: return SGD(parameters: parameters, learningRate: rate, momentum: Float(train.momentum ?? 0))
        }
    }

    /// The gradient-norm limit, if any.
    var clipLimit: Float? { train.clip.map(Float.init) }

    /// "Adam, lr 0.1, seed 777" (with the batch size and clip when set).
    var optimizerCaption: String {
        var text = train.optimizer == .adam ? "Adam" : "SGD"
        if let momentum = train.momentum, momentum > 0 { text += " (momentum \(momentum))" }
        text += ", lr \(train.learningRate), seed \(train.seed)"
        if let batch = train.batch { text += ", batch \(batch)" }
        if let clip = train.clip { text += ", clip \(clip)" }
        return text
    }

    /// The checkpoint metadata every lesson writes — what trained it, the vocabulary, the lesson
    /// file's hash — merged with the model's own description.
    func checkpointMetadata(file: LessonFile, vocabulary: [String], model: [String: String]) -> [String: String] {
        var metadata: [String: String] = [
            "format": "pt",
            "task": task.rawValue,
            "lesson": name,
            "lesson_hash": file.hash,
            "vocabulary": ModelSetup.json(vocabulary),
            "optimizer": optimizerCaption,
            "loss": loss.rawValue,
            "iterations": String(train.iterations),
        ]
        metadata.merge(model) { _, new in new }
        return metadata
    }
}
