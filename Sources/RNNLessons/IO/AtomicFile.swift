import Foundation

/// Writes files so that a reader never sees half of one: the bytes go to a temporary name in
/// the same folder, which is then renamed over the destination.
///
/// An interrupted or failed run leaves either the old file or the new one, never a mix; a
/// leftover temporary file has the `.tmp` suffix.
public enum AtomicFile {
    /// Writes `bytes` to `url`, creating the folder if needed.
    public static func write(_ bytes: some Collection<UInt8>, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try createFolder(folder)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw FileError(path: url.path, message: "cannot rename into place (\(String(cString: strerror(errno))))")
            }
        } catch let error as FileError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw FileError(path: url.path, message: "cannot write (\(error.localizedDescription))")
        }
    }

    /// Creates `folder` and its parents when missing.
    ///
    /// - Throws: `FileError` naming the folder, in one line, when it cannot be created.
    public static func createFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw FileError(path: folder.path, message: "cannot create the folder (\(obstacle(to: folder) ?? error.localizedDescription))")
        }
    }

    /// What stands in the way of creating `folder`: the nearest existing enclosing path, when it
    /// is a file or cannot be written.
    private static func obstacle(to folder: URL) -> String? {
        var existing = folder.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: existing.path, isDirectory: &isFolder) {
            let parent = existing.deletingLastPathComponent()
            if parent.path == existing.path { return nil }
            existing = parent
        }
        if !isFolder.boolValue { return "\(existing.path) is a file, not a folder" }
        if !FileManager.default.isWritableFile(atPath: existing.path) { return "\(existing.path) is not writable" }
        return nil
    }

    /// Writes `text` as UTF-8 to `url`.
    public static func write(_ text: String, to url: URL) throws {
        try write(Array(text.utf8), to: url)
    }

    /// Reads a whole file, with an error naming the file when it cannot be read, or when it is
    /// larger than `limit` bytes (checked before reading): "N bytes; WHAT has at most LIMIT".
    public static func read(_ url: URL, limit: (bytes: Int, what: String)? = nil) throws -> [UInt8] {
        if let limit, let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > limit.bytes {
            throw FileError(path: url.path, message: "\(size) bytes; \(limit.what) has at most \(limit.bytes)")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw FileError(path: url.path, message: exists ? "cannot be read" : "no such file")
        }
        return [UInt8](data)
    }
}

/// A file that cannot be read or written, named, in one line.
public struct FileError: Error, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
