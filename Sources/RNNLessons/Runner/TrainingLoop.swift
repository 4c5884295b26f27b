import Foundation
import RNNCore

/// What a training loop produced: the loss of every iteration, the loop's wall-clock seconds, and
/// a copy of the weights at every snapshot iteration (before that iteration's step).
struct TrainingRecord {
    /// The loss of every iteration.
    var losses: [Double]
    /// Wall-clock seconds of the loop.
    var seconds: Double
    /// The weights as they were at each snapshot iteration, in `state_dict` order.
    var snapshotWeights: [Int: [(name: String, tensor: Tensor)]]
}

/// The iterations of a lesson: observe the model, take a step, stop on divergence or request.
enum TrainingLoop {
    /// Runs `lesson.train.iterations` iterations. Before each step, `observe(i)` sees the
    /// model as it is at iteration `i`, and at `lesson.snapshotIterations` a copy of `weights()`
    /// is kept; `step(i)` trains and returns the loss.
    ///
    /// - Throws: `LessonError` when the loss stops being finite, `LessonInterrupted` when
    ///   `control.shouldStop()` says so.
    static func run(
        _ lesson: Lesson, control: RunControl, weights: () -> [(name: String, tensor: Tensor)],
        observe: (Int) -> Void, step: (Int) -> Float
    ) throws -> TrainingRecord {
        let snapshotIterations = Set(lesson.snapshotIterations)
        var snapshotWeights: [Int: [(name: String, tensor: Tensor)]] = [:]
        let total = lesson.train.iterations
        var losses: [Double] = []
        losses.reserveCapacity(total)
        let start = ContinuousClock.now
        for iteration in 0..<total {
            if control.shouldStop() { throw LessonInterrupted(lesson: lesson.name, completed: iteration) }
            observe(iteration)
            if snapshotIterations.contains(iteration) {
                snapshotWeights[iteration] = weights().map { ($0.name, $0.tensor.clone()) }
            }
            let loss = step(iteration)
            guard loss.isFinite else {
                throw TrainingDiverged(lesson: lesson, iteration: iteration, loss: loss, losses: losses)
            }
            losses.append(Double(loss))
            control.progress(TrainingProgress(lesson: lesson.name, completed: iteration + 1, total: total, loss: loss))
        }
        return TrainingRecord(losses: losses, seconds: (ContinuousClock.now - start).seconds, snapshotWeights: snapshotWeights)
    }

    /// The first iteration from which every later flag is true, or `nil` if the last is false.
    static func firstStayingTrue(_ flags: [Bool]) -> Int? {
        guard flags.last == true else { return nil }
        return (flags.lastIndex(of: false) ?? -1) + 1
    }
}

/// Training stopped because the loss stopped being finite.
public struct TrainingDiverged: Error, CustomStringConvertible, Sendable {
    /// The lesson's name.
    public var lesson: String
    /// The iteration whose loss was not finite.
    public var iteration: Int
    /// That loss.
    public var loss: Float
    /// The losses of the iterations before it.
    public var losses: [Double]
    /// The learning rate, for the hint.
    public var learningRate: Double

    init(lesson: Lesson, iteration: Int, loss: Float, losses: [Double]) {
        self.lesson = lesson.name
        self.iteration = iteration
        self.loss = loss
        self.losses = losses
        learningRate = lesson.train.learningRate
    }

    public var description: String {
        "\(lesson): training diverged at iteration \(iteration) (loss \(loss)); lower the learning rate "
            + "(now \(learningRate), e.g. --learning-rate \(learningRate / 10)) "
            + "or limit the gradient with `clip: 1` under train; earlier output was left as it was"
    }
}
