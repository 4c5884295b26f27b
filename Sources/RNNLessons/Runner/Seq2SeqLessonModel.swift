import Foundation
import RNNCore
import RNNTrace

/// What the seq2seq runners share: the model a lesson asks for, its checkpoint metadata, the
/// loss over many pairs, and a decoding as a snapshot.
enum Seq2SeqLessonModel {
    /// The embedding width when the lesson gives none.
    static let defaultEmbedding = 64

    /// The encoder–decoder of `lesson` for a vocabulary of `vocabularySize` tokens, its weights
    /// drawn from `generator`.
    static func make(_ lesson: Lesson, vocabularySize: Int, generator: inout SeededGenerator) -> Seq2SeqModel {
        Seq2SeqModel(
            shape: Seq2SeqShape(
                cell: lesson.model.cell, vocabularySize: vocabularySize,
                embeddingSize: lesson.model.embedding ?? defaultEmbedding,
                hiddenSize: lesson.model.hidden.resolved(vocabularySize: vocabularySize), layers: lesson.model.layers,
                attention: (lesson.model.attention ?? .bahdanau) == .bahdanau, bidirectional: lesson.model.bidirectional ?? false),
            generator: &generator)
    }

    /// The checkpoint metadata of `model`, trained by `file`'s lesson.
    static func metadata(_ model: Seq2SeqModel, file: LessonFile, vocabulary: Vocabulary, maxLength: Int) -> [String: String] {
        file.lesson.checkpointMetadata(
            file: file, vocabulary: vocabulary.tokens,
            model: [
                "cell": model.shape.cell.rawValue, "layers": String(model.shape.layers),
                "hidden": String(model.shape.hiddenSize), "embedding": String(model.shape.embeddingSize),
                "attention": model.shape.attention ? "bahdanau" : "none", "max_answer_length": String(maxLength),
                "bidirectional": String(model.shape.bidirectional),
            ])
    }

    /// The mean cross-entropy per answer token of `model` over `batches` (teacher forcing).
    static func loss(of model: Seq2SeqModel, on batches: [Seq2SeqBatch]) -> Float {
        var lossSum = 0.0, tokens = 0
        for batch in batches {
            let loss = CrossEntropy.loss(logits: model.forward(batch), targets: batch.decoderTargets, classes: model.shape.vocabularySize)
            lossSum += Double(loss) * Double(batch.answerTokens)
            tokens += batch.answerTokens
        }
        return Float(lossSum / Double(max(tokens, 1)))
    }

    /// A decoding as a snapshot: the answer's tokens, how sure the model was of each, and whether
    /// each matches `expected`.
    static func snapshot(
        _ decoding: Decoding, iteration: Int, loss: Double, expected: [String]?, _ vocabulary: Vocabulary
    ) -> Snapshot {
        let words = vocabulary.decode(decoding.tokens)
        let chosen = decoding.steps.prefix(words.count).map { $0.topProbabilities.first ?? 0 }
        return Snapshot(
            iteration: iteration, loss: loss, predicted: words, probability: Array(chosen),
            correct: words.indices.map { index in expected.map { index < $0.count && $0[index] == words[index] } ?? false })
    }
}
