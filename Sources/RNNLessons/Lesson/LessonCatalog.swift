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

    /// The subfolder of experiments: lessons that take longer than the lecture's quick ones
    /// (sweeps, larger models), run by name or with `run --experiments`.
    public static let experimentsFolder = "experiments"

    /// The lecture's lesson files: those in the folder itself (not its subfolders), sorted by name.
    public func files() throws -> [URL] {
        try Self.lessonFiles(in: folder)
    }

    /// The experiments' lesson files (`experiments/`), sorted by name; none when there is no such folder.
    public func experimentFiles() throws -> [URL] {
        let experiments = folder.appendingPathComponent(Self.experimentsFolder)
        guard FileManager.default.fileExists(atPath: experiments.path) else { return [] }
        return try Self.lessonFiles(in: experiments)
    }

    private static func lessonFiles(in folder: URL) throws -> [URL] {
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
        for place in [folder, folder.appendingPathComponent(Self.experimentsFolder)] {
            for ext in extensions {
                let url = place.appendingPathComponent("\(name).\(ext)")
                if FileManager.default.fileExists(atPath: url.path) { return url }
            }
        }
        let known = ((try? files()) ?? []).map { $0.deletingPathExtension().lastPathComponent }
            + ((try? experimentFiles()) ?? []).map { $0.deletingPathExtension().lastPathComponent }
        let hint = known.isEmpty ? "" : "; expected one of \(listing(known))"
        throw LessonError("\(name): no such lesson in \(LessonFile.displayPath(folder))\(hint)")
    }
}
