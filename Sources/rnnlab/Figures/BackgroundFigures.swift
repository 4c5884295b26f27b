import Dispatch
import Foundation
import RNNCore
import RNNLessons

/// A lesson's figures being drawn and written on other threads, so that the next lesson can
/// train meanwhile (`rnnlab run` with several lessons).
///
/// Training a small model leaves part of the processors idle, and drawing needs no training
/// state, only the trace: the two overlap well. Each file is still written to a temporary name
/// and renamed.
final class BackgroundFigures: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Set by the drawing thread before it leaves `done`; read only after `done` is passed.
    private var result: Result<[URL], any Error> = .success([])

    /// Starts drawing the figures of `trace` into `folder` with `writer`.
    init(writer: any FigureWriter & Sendable, trace: LessonTrace, folder: URL) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result { try writer.writeFigures(for: trace, into: folder) }
            done.leave()
        }
    }

    /// Waits until every figure is written, and returns the files (or the first error).
    func files() throws -> [URL] {
        done.wait()
        return try result.get()
    }
}
