import Foundation
import RNNTrace

/// Draws a lesson's figures from its trace. RNNLessons does not draw; the executable passes
/// an implementation (backed by RNNRender) to `LessonRunner`.
public protocol FigureWriter {
    /// Writes the figures of `trace` into `folder` and returns the files written.
    func writeFigures(for trace: LessonTrace, into folder: URL) throws -> [URL]
}
