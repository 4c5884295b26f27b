import ArgumentParser
import Foundation
import RNNLessons

/// `--lessons DIR`: where lesson files are found (default: `lessons/` here or in a parent folder).
struct LessonsFolder: ParsableArguments {
    @Option(name: .long, help: "The lessons folder (default: ./lessons, or the nearest parent's).")
    var lessons: String?

    /// The catalog of the chosen folder.
    func catalog() throws -> LessonCatalog {
        if let lessons { return LessonCatalog(folder: URL(fileURLWithPath: lessons)) }
        guard let folder = LessonCatalog.locate() else {
            throw LessonError("no lessons folder here or above; run from the project folder or pass --lessons DIR")
        }
        return LessonCatalog(folder: folder)
    }

    /// The lesson file of a name (`hello`, found in the lessons folder) or of a path to a file.
    func lessonURL(_ name: String) throws -> URL {
        if name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json") {
            return try LessonCatalog(folder: URL(fileURLWithPath: ".")).file(for: name)
        }
        return try catalog().file(for: name)
    }
}
