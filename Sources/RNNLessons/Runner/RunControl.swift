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
}

/// What a caller learns during a run and how it stops one.
public struct RunControl {
    /// Called after every iteration (keep it cheap; redraw at your own pace).
    public var progress: (TrainingProgress) -> Void
    /// Asked before every iteration; `true` stops the run with `LessonInterrupted`.
    public var shouldStop: () -> Bool

    /// Creates a control; by default silent and never stopping.
    public init(progress: @escaping (TrainingProgress) -> Void = { _ in }, shouldStop: @escaping () -> Bool = { false }) {
        self.progress = progress
        self.shouldStop = shouldStop
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
