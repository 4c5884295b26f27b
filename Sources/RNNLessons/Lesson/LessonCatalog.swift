import Foundation

/// The lesson files of a folder (`lessons/`), found by name.
public struct LessonCatalog: Sendable {
    /// The folder.
    public let folder: URL

    /// A catalog of `folder`.
    public init(folder: URL) { self.folder = folder }

    /// The lessons folder: `lessons/` in the current folder or the nearest enclosing one.
    public static func locate(from start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> URL? {
        var current = start.standardizedFileURL
        while true {
            let candidate = current.appendingPathComponent("lessons")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), isFolder.boolValue {
                return candidate
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// The lesson files in the folder (not its subfolders), sorted by name.
    public func files() throws -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw LessonError("\(LessonFile.displayPath(folder)): cannot list the lessons folder")
        }
        return names.filter { ["yaml", "yml", "json"].contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted { ($0 as NSString).deletingPathExtension < ($1 as NSString).deletingPathExtension }
            .map { folder.appendingPathComponent($0) }
    }

    /// The file of the lesson `name` (`hello` → `lessons/hello.yaml`), or of a path to a lesson file.
    public func file(for name: String) throws -> URL {
        let extensions = ["yaml", "yml", "json"]
        if name.contains("/") || extensions.contains((name as NSString).pathExtension.lowercased()) {
            let url = URL(fileURLWithPath: name)
            guard FileManager.default.fileExists(atPath: url.path) else { throw LessonError("\(name): no such lesson file") }
            return url
        }
        for ext in extensions {
            let url = folder.appendingPathComponent("\(name).\(ext)")
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        let known = (try? files().map { $0.deletingPathExtension().lastPathComponent }) ?? []
        let hint = known.isEmpty ? "" : "; expected one of \(listing(known))"
        throw LessonError("\(name): no such lesson in \(LessonFile.displayPath(folder))\(hint)")
    }
}
