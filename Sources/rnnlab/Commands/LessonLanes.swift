import Foundation
import RNNLessons

/// Trains the lessons of one `rnnlab run` side by side, a lesson per processor (two at most),
/// and hands their outcomes over in the lessons' order.
///
/// The lessons' models are small: a matrix product split between two threads runs only 1.2 to
/// 1.5 times faster than on one, while two lessons on two processors run nearly twice as fast.
/// Each lesson computes exactly what it computes alone (the engine's results never depend on
/// threads), writes its own folder, and is reported in order, so only the time changes.
///
/// Only the lesson the caller waits for shows its progress; the others train silently.
final class LessonLanes<Outcome>: @unchecked Sendable {
    /// The number of lessons trained at once on a machine with `processors` processors.
    static func lanes(lessons: Int, processors: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        min(lessons, processors >= 2 ? 2 : 1)
    }

    private let train: (Int, RunControl) throws -> Outcome
    private let control: RunControl
    private let progress: ProgressBar?
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var next = 0
    private var shown: Int?
    private var starts: [ContinuousClock.Instant?]
    private var results: [Result<Outcome, any Error>?]
    private let finished: [DispatchSemaphore]

    /// Starts training `count` lessons on `lanes` threads: lesson `index` is
    /// `train(index, control)`, where the control's progress goes to `progress` while the
    /// caller waits for that lesson, and its stop request is `shouldStop`.
    init(
        count: Int, lanes: Int, progress: ProgressBar?, shouldStop: @escaping @Sendable () -> Bool,
        train: @escaping (Int, RunControl) throws -> Outcome
    ) {
        self.train = train
        self.progress = progress
        control = RunControl(shouldStop: shouldStop)
        starts = Array(repeating: nil, count: count)
        results = Array(repeating: nil, count: count)
        finished = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        for lane in 0..<lanes {
            let thread = Thread { [self] in work() }
            thread.name = "rnnlab-lesson-\(lane)"
            thread.start()
        }
    }

    /// Waits for lesson `index`, showing its progress meanwhile, and returns its outcome.
    func outcome(_ index: Int) throws -> Outcome {
        lock.withLock {
            shown = index
            progress?.begin(at: starts[index] ?? .now)
        }
        // A finished lesson's semaphore stays signalled (`waitForAll`).
        finished[index].wait()
        finished[index].signal()
        return try lock.withLock {
            progress?.finish()
            shown = nil
            return results[index]!
        }.get()
    }

    /// Waits until every lesson has finished (stopped, failed or written its files), so that no
    /// file is being written when the process ends.
    func waitForAll() {
        for semaphore in finished {
            semaphore.wait()
            semaphore.signal()
        }
    }

    /// The result of lesson `index` if it has finished, without waiting or showing progress
    /// (after `waitForAll`, every lesson's).
    func finishedResult(_ index: Int) -> Result<Outcome, any Error>? {
        lock.withLock { results[index] }
    }

    /// Trains lessons in order until none is left.
    private func work() {
        while let index = take() {
            var lessonControl = control
            lessonControl.progress = { [self] update in
                lock.withLock { if shown == index { progress?.update(update) } }
            }
            lessonControl.notice = { [self] line in
                lock.withLock {
                    if let progress { progress.notice(line) } else { Console.error(line) }
                }
            }
            let result = Result { try train(index, lessonControl) }
            lock.withLock { results[index] = result }
            finished[index].signal()
        }
    }

    /// The next lesson to train, marked as started.
    private func take() -> Int? {
        lock.withLock {
            guard next < results.count else { return nil }
            defer { next += 1 }
            starts[next] = .now
            if shown == next { progress?.begin() }
            return next
        }
    }
}
