import Foundation
import RNNLessons
import RNNTrace

/// Writes lesson pages: `OUT/NAME/NAME.html`, to a temporary name first and then renamed, so a
/// failed or interrupted write leaves the previous page (or none), never half of one.
enum LessonPageFile {
    /// The page's file in a lesson's output folder.
    static func url(in folder: URL, lesson name: String) -> URL { folder.appendingPathComponent("\(name).html") }

    /// Writes the page of `traces` into `folder` and returns the file.
    static func write(_ traces: LessonTraces, into folder: URL, figureScale: Double = LessonPage.defaultFigureScale) throws -> URL {
        let page = try LessonPage(traces: traces, figureScale: figureScale)
        let url = url(in: folder, lesson: traces.trace.lesson.name)
        try AtomicFile.write(page.html, to: url)
        return url
    }

    /// "812 kB", "1.3 MB".
    static func size(of url: URL) -> String {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        return bytes < 1_000_000 ? "\((bytes + 500) / 1000) kB" : String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
