import Foundation
import RNNCore
import RNNTrace

/// What a training loop produced: the loss of every iteration, the loop's wall-clock seconds, and
/// a copy of the weights at every snapshot iteration.
struct TrainingRecord {
    /// The loss of every iteration 0…N (N = `train.iterations`): the loss of the network as it
    /// was after that many updates; the last one, iteration N's, is the final loss.
    var losses: [Double]
    /// Wall-clock seconds of the loop.
    var seconds: Double
    /// Wall-clock seconds of judging the network: the held-out losses and the final loss (the
    /// held-out losses during the loop are counted in `seconds` too).
    var evaluationSeconds: Double
    /// The weights as they were at each snapshot iteration, in `state_dict` order.
    var snapshotWeights: [Int: [(name: String, tensor: Tensor)]]
    /// The loss on the held-out data at the iterations where it was measured, if any.
    var validation: ValidationHistory?

    /// The final loss: the trained network's, iteration N's.
    var finalLoss: Double { losses[losses.count - 1] }
}

/// When and how a training loop measures the loss on held-out data.
struct ValidationProbe {
    /// The iterations measured (`EvaluationSample.validationIterations`).
    let iterations: Set<Int>
    /// The held-out loss of the model as it is.
    let measure: () -> Double

    /// A probe measuring at `EvaluationSample.validationIterations(iterations)`.
    init(iterations: Int, measure: @escaping () -> Double) {
        self.iterations = Set(EvaluationSample.validationIterations(iterations))
        self.measure = measure
    }
}

/// The iterations of a lesson: observe the model, take a step, stop on divergence or request.
///
/// Iterations are numbered as the lesson's snapshots are: iteration k is the network after k
/// optimizer steps, from 0 (before any update) to N = `train.iterations` (the trained network).
/// The loss of iteration k < N is the one step k + 1 computes before it updates; iteration N's,
/// the final loss, is measured on the trained network by the runner.
enum TrainingLoop {
    /// Runs `lesson.train.iterations` steps. Before each step, and once more after the last,
    /// `observe(k)` sees the model as it is at iteration `k`, at `lesson.snapshotIterations` a
    /// copy of `weights()` is kept, and at the `validation` probe's iterations the held-out loss
    /// is measured; `step(k)` trains and returns iteration k's loss; `finalLoss()` measures the
    /// trained network (iteration N). Once the first iterations show that training will take
    /// more than a minute, `control.notice` is told how long and how to shorten it.
    ///
    /// - Throws: `TrainingDiverged` when the loss stops being finite, `LessonInterrupted` when
    ///   `control.shouldStop()` says so.
    static func run(
        _ lesson: Lesson, control: RunControl, weights: () -> [(name: String, tensor: Tensor)],
        validation: ValidationProbe? = nil, observe: (Int) -> Void, step: (Int) -> Float, finalLoss: () -> Double
    ) throws -> TrainingRecord {
        let snapshotIterations = Set(lesson.snapshotIterations)
        var snapshotWeights: [Int: [(name: String, tensor: Tensor)]] = [:]
        let total = lesson.train.iterations
        var losses: [Double] = []
        losses.reserveCapacity(total + 1)
        var held = ValidationHistory(iterations: [], loss: [])
        var evaluationSeconds = 0.0
        func look(at iteration: Int) throws {
            observe(iteration)
            if snapshotIterations.contains(iteration) {
                snapshotWeights[iteration] = weights().map { ($0.name, $0.tensor.clone()) }
            }
            if let validation, validation.iterations.contains(iteration) {
                let started = ContinuousClock.now
                let loss = validation.measure()
                evaluationSeconds += (ContinuousClock.now - started).seconds
                guard loss.isFinite else {
                    throw TrainingDiverged(lesson: lesson, iteration: iteration, loss: Float(loss), losses: losses)
                }
                held.iterations.append(iteration)
                held.loss.append(loss)
            }
        }
        func record(_ loss: Double, of iteration: Int) throws {
            guard loss.isFinite else {
                throw TrainingDiverged(lesson: lesson, iteration: iteration, loss: Float(loss), losses: losses)
            }
            losses.append(loss)
            control.progress(
                TrainingProgress(
                    lesson: lesson.name, iteration: iteration, completed: min(iteration + 1, total), total: total, loss: Float(loss),
                    validationLoss: held.iterations.last == iteration ? held.loss.last.map(Float.init) : nil))
        }
        var estimate = TrainingEstimate(lesson: lesson)
        let start = ContinuousClock.now
        for iteration in 0..<total {
            if control.shouldStop() { throw LessonInterrupted(lesson: lesson.name, completed: iteration) }
            try look(at: iteration)
            try record(Double(step(iteration)), of: iteration)
            if let notice = estimate.notice(completed: iteration + 1, seconds: (ContinuousClock.now - start).seconds) {
                control.notice(notice)
            }
        }
        let seconds = (ContinuousClock.now - start).seconds
        try look(at: total)
        let judging = ContinuousClock.now
        let final = finalLoss()
        evaluationSeconds += (ContinuousClock.now - judging).seconds
        try record(final, of: total)
        return TrainingRecord(
            losses: losses, seconds: seconds, evaluationSeconds: evaluationSeconds, snapshotWeights: snapshotWeights,
            validation: validation == nil ? nil : held)
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
        "\(lesson): training diverged at iteration \(iteration) (loss \(loss)); \(Self.hint(learningRate: learningRate)); "
            + "earlier output was left as it was"
    }

    /// What to do about a loss that runs away: "lower the learning rate (now 0.1, e.g.
    /// --learning-rate 0.01) or limit the gradient with `clip: 1` under train".
    static func hint(learningRate: Double) -> String {
        "lower the learning rate (now \(learningRate), e.g. --learning-rate \(learningRate / 10)) "
            + "or limit the gradient with `clip: 1` under train"
    }
}

/// A training whose loss grew a thousandfold or more over the untrained network's without
/// stopping being finite: it ran to the end, but it learnt nothing and says so.
public struct LossGrowth: CustomStringConvertible, Sendable {
    /// How many times the untrained network's loss counts as running away.
    public static let factor = 1000.0

    /// The lesson's name.
    public var lesson: String
    /// The untrained network's loss (iteration 0).
    public var initialLoss: Double
    /// The largest loss, and its iteration.
    public var largestLoss: Double
    public var iteration: Int
    /// The learning rate, for the hint.
    public var learningRate: Double

    /// The growth of `losses` (iterations 0…N) of a run of `lesson`, or `nil` when no loss
    /// reached `factor` times the first.
    public init?(losses: [Double], lesson: Lesson) {
        guard let first = losses.first, first > 0, let largest = losses.indices.max(by: { losses[$0] < losses[$1] }),
            losses[largest] >= Self.factor * first
        else { return nil }
        self.lesson = lesson.name
        initialLoss = first
        largestLoss = losses[largest]
        iteration = largest
        learningRate = lesson.train.learningRate
    }

    public var description: String {
        "\(lesson): the loss grew a thousandfold or more, from \(Self.format(initialLoss)) at iteration 0 to "
            + "\(Self.format(largestLoss)) at iteration \(iteration); \(TrainingDiverged.hint(learningRate: learningRate))"
    }

    private static func format(_ loss: Double) -> String { String(format: loss < 1e6 ? "%.4g" : "%.3e", loss) }
}
