/// How far training has come, reported after every optimizer step and once more for the
/// trained network's final loss.
public struct TrainingProgress: Sendable {
    /// The lesson's name.
    public var lesson: String
    /// The iteration `loss` belongs to: iteration k is the network after k steps, 0…`total`.
    public var iteration: Int
    /// The number of optimizer steps done.
    public var completed: Int
    /// The number of optimizer steps in all (the last iteration's number).
    public var total: Int
    /// The loss of iteration `iteration`.
    public var loss: Float
    /// The loss on the held-out data, when it was measured at this iteration.
    public var validationLoss: Float?

    /// Creates a progress report.
    public init(lesson: String, iteration: Int, completed: Int, total: Int, loss: Float, validationLoss: Float? = nil) {
        self.lesson = lesson
        self.iteration = iteration
        self.completed = completed
        self.total = total
        self.loss = loss
        self.validationLoss = validationLoss
    }
}

/// What a caller learns during a run and how it stops one.
public struct RunControl {
    /// Called after every iteration (keep it cheap; redraw at your own pace).
    public var progress: (TrainingProgress) -> Void
    /// Asked before every iteration; `true` stops the run with `LessonInterrupted`.
    public var shouldStop: () -> Bool
    /// Told one line the user should read during training: how long a long run will take.
    public var notice: (String) -> Void

    /// Creates a control; by default silent and never stopping.
    public init(
        progress: @escaping (TrainingProgress) -> Void = { _ in }, shouldStop: @escaping () -> Bool = { false },
        notice: @escaping (String) -> Void = { _ in }
    ) {
        self.progress = progress
        self.shouldStop = shouldStop
        self.notice = notice
    }
}

/// A run stopped on request (Ctrl-C) before its files were written.
public struct LessonInterrupted: Error, CustomStringConvertible, Sendable {
    /// The lesson.
    public var lesson: String
    /// The iterations done.
    public var completed: Int

    public var description: String {
        "\(lesson): interrupted after \(completed) iteration\(completed == 1 ? "" : "s"); nothing of it was written"
    }
}
