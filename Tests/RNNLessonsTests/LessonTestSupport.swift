import Foundation
import RNNLessons

/// Shared helpers: the project's lessons folder, temporary folders, writing lesson files.
enum LessonTestSupport {
    /// The package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The project's `lessons/` folder.
    static let lessons = root.appendingPathComponent("lessons")

    /// Whether this is a debug build, where the long lessons take minutes.
    static var isDebug: Bool {
        #if DEBUG
            true
        #else
            false
        #endif
    }

    /// Whether the slow lessons (long-sequence, stock) run: always in release, in debug only
    /// with `RNNLAB_SLOW_TESTS=1` (long-sequence takes about 3 min and stock 30 s there).
    static var runSlowLessons: Bool { !isDebug || ProcessInfo.processInfo.environment["RNNLAB_SLOW_TESTS"] == "1" }

    /// A new empty temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` as `name` in `folder` and returns its URL.
    @discardableResult
    static func write(_ text: String, named name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The hello lesson's text with `replacing` replaced by `with`.
    static func hello(replacing: String = "", with replacement: String = "") throws -> String {
        let text = try String(contentsOf: lessons.appendingPathComponent("hello.yaml"), encoding: .utf8)
        return replacing.isEmpty ? text : text.replacingOccurrences(of: replacing, with: replacement)
    }

    /// Loads the project lesson `name`.
    static func lesson(_ name: String) throws -> LessonFile {
        try LessonFile(contentsOf: lessons.appendingPathComponent("\(name).yaml"))
    }

    /// The one-line message of loading a lesson written as `text` (named `name`), or `nil` if it loads.
    static func loadError(_ text: String, named name: String = "lesson.yaml", extra: [String: String] = [:]) throws -> String? {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (file, contents) in extra { try write(contents, named: file, in: folder) }
        let url = try write(text, named: name, in: folder)
        do {
            let file = try LessonFile(contentsOf: url)
            _ = try LessonRunner(outputFolder: folder.appendingPathComponent("out")).run(file)
            return nil
        } catch {
            // Paths are shown relative to the current folder or in full; keep the file's name on.
            return "\(error)".replacingOccurrences(of: folder.path + "/", with: "")
        }
    }
}
