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
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
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

    /// Writes `text` as UTF-8 to `url`.
    public static func write(_ text: String, to url: URL) throws {
        try write(Array(text.utf8), to: url)
    }

    /// Reads a whole file, with an error naming the file when it cannot be read.
    public static func read(_ url: URL) throws -> [UInt8] {
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
