import Dispatch
import Foundation
import RNNLessons
import RNNTrace

/// The end of a lesson's run on another thread: its figures drawn into its fresh folder, then the
/// folder put in place of the lesson's (`StagedLesson.commit`) — so that the next lesson can
/// train meanwhile (`rnnlab run` with several lessons), and a lesson's folder is in place as soon
/// as it is whole, not only when it is reported.
///
/// Training a small model leaves part of the processors idle, and drawing needs no training
/// state, only the trace: the two overlap well.
final class LessonCompletion: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Set by the drawing thread before it leaves `done`; read only after `done` is passed.
    private var result: Result<LessonOutcome, any Error>?

    /// Starts writing the figures of `staged` with `write` (the trace and the fresh folder in, the
    /// files written out; none when `nil`) and putting its folder in place; on an error the fresh
    /// folder is removed and the lesson's stays as it was.
    init(_ staged: StagedLesson, write: (@Sendable (LessonTrace, URL) throws -> [URL])?) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result {
                if let write { staged.add(try write(staged.outcome.trace, staged.freshFolder)) }
                return try staged.commit()
            }
            if case .failure = result { staged.discard() }
            done.leave()
        }
    }

    /// Waits until the folder is in place, and returns the run (or the first error).
    func outcome() throws -> LessonOutcome {
        done.wait()
        return try result!.get()
    }
}
