import Foundation
import RNNCore
import RNNTrace

extension Comparison {
    /// The number the variants are judged by, known before training, or `nil` when the lesson's
    /// task has none (a seq2seq chatbot).
    public var metric: HeadlineMetric? { base.lesson.runner.metric(for: base.lesson) }

    /// Checks that what will be drawn can be: a sweep along a numeric key needs a metric.
    ///
    /// - Throws: `LessonError` when a numeric key is varied and the lesson has no metric.
    public func checkDrawable() throws {
        guard metric == nil, let numeric = variations.first(where: { $0.values.count > 1 && $0.isNumeric }) else { return }
        throw LessonError(
            "\(base.lesson.name): a \(base.lesson.task.rawValue) lesson has no single number to plot against \(numeric.key); "
                + "vary keys without a sweep (e.g. --cells rnn,lstm,gru) to compare its loss curves")
    }

    /// Trains run `index` (a variant and a seed) and returns what the comparison keeps of it.
    /// Runs are independent: two can train at the same time.
    ///
    /// - Throws: what training throws (`LessonError` on divergence, `LessonInterrupted`).
    /// A run whose loss stopped being finite is a result too: it has `diverged_at` (the
    /// iteration) among its results and the losses before it.
    public func run(_ index: Int, control: RunControl = RunControl()) throws -> ComparisonRun {
        let variant = variants[index]
        let trained: TrainedLesson
        do {
            trained = try variant.file.lesson.runner.train(variant.file, control: control)
        } catch let diverged as TrainingDiverged {
            return ComparisonRun(
                settings: variant.settings.map(\.value), seed: variant.seed, model: Self.describe(variant.file),
                result: ["diverged_at": Double(diverged.iteration)], seconds: 0, loss: diverged.losses, gradientFlow: nil)
        }
        var run = ComparisonRun(
            settings: variant.settings.map(\.value), seed: variant.seed, model: trained.trace.model,
            result: trained.trace.result, seconds: trained.trainingSeconds, loss: trained.trace.training.loss,
            gradientFlow: trained.trace.gradientFlow)
        run.examples = trained.trace.examples
        return run
    }

    /// The model of a lesson, described without training it.
    private static func describe(_ file: LessonFile) -> ModelInfo {
        let lesson = file.lesson
        let sizes = (try? modelSizes(file)) ?? (input: 0, output: 0)
        let hidden = lesson.model.hidden.resolved(vocabularySize: sizes.input)
        let shape = SequenceModelShape(
            cell: lesson.model.cell, inputSize: sizes.input, hiddenSize: hidden, layers: lesson.model.layers, outputSize: sizes.output)
        return ModelInfo(
            cell: lesson.model.cell, layers: lesson.model.layers, hiddenSize: hidden, inputSize: sizes.input,
            outputSize: sizes.output, parameterCount: shape.parameterCount)
    }

    /// The trace of the finished `runs` (in the order of `variants`).
    public func trace(_ runs: [ComparisonRun]) -> ComparisonTrace {
        let lesson = base.lesson
        return ComparisonTrace(
            lesson: lesson.info,
            keys: variations.map(\.key), values: variations.map(\.values), metric: metric, runs: runs,
            references: references, notes: notes)
    }
}
