import Foundation
import RNNCore
import RNNTrace

/// A lesson's network as it trained, a trace every few iterations: what `rnnlab animate` draws.
///
/// The lesson is trained again, exactly as `rnnlab run` trains it (the same seed, the same
/// batches: snapshots change nothing but what is kept), keeping the weights at iterations
/// 0, K, 2K … and N; each frame is the run's trace with the shown input traced through that
/// iteration's weights, and `shownIteration` set.
public struct TrainingFrames: Sendable {
    /// The run's trace, as `rnnlab run` writes it (its snapshots every K iterations).
    public var trace: LessonTrace
    /// A trace per iteration shown, in order; the last is the trained network's.
    public var frames: [LessonTrace]

    /// The iterations shown: 0, `every`, 2·`every` … and always the last, `iterations`.
    public static func iterations(every: Int, through iterations: Int) -> [Int] {
        Array(Set(Array(stride(from: 0, to: iterations, by: max(every, 1))) + [iterations])).sorted()
    }

    /// Trains `file`'s lesson with `overrides`, keeping a frame every `every` iterations.
    ///
    /// - Throws: what training and tracing throw (`LessonError`, `LessonInterrupted`).
    public init(_ file: LessonFile, every: Int, overrides: LessonOverrides = LessonOverrides(), control: RunControl = RunControl())
        throws
    {
        var file = file
        file.lesson = overrides.changing(file.lesson).applied(to: file.lesson)
        file.lesson.show.snapshots = Self.iterations(every: every, through: file.lesson.train.iterations)
        let trained = try file.lesson.runner.train(file, control: control)
        trace = trained.trace
        frames = try trained.snapshotWeights.keys.sorted().map { iteration in
            let checkpoint = try SafeTensors.decode(
                SafeTensors.encode(trained.snapshotWeights[iteration]!, metadata: trained.metadata), source: "iteration \(iteration)")
            let model = try LoadedModel.lesson(file, checkpoint: checkpoint, source: "iteration \(iteration)", iteration: iteration,
                                               folder: FileManager.default.temporaryDirectory)
            return Self.frame(trained.trace, model: try model.trace(.lessonDefault).trace, iteration: iteration)
        }
    }

    /// The run's trace at `iteration`: the shown input through that iteration's network, the
    /// snapshot of that iteration alone (the predictions row), the history of the whole run.
    static func frame(_ run: LessonTrace, model: LessonTrace, iteration: Int) -> LessonTrace {
        var frame = run
        frame.steps = model.steps
        frame.decoder = model.decoder
        frame.gradientFlow = model.gradientFlow
        if let classification = model.classification { frame.classification?.evidence = classification.evidence }
        frame.snapshots = run.snapshots.filter { $0.iteration == iteration }
        frame.shownIteration = iteration
        return frame
    }
}
