import Foundation

/// Writes files so that a reader never sees half of one: the bytes go to a temporary name in
/// the same folder, which is then renamed over the destination.
///
/// An interrupted or failed run leaves either the old file or the new one, never a mix; a
/// leftover temporary file is named `.NAME.PID.tmp`.
///
/// Foundation's `Data.write(to:options: .atomic)` takes the same steps (a temporary file in the
/// same folder, renamed over the destination; it calls `fsync` first) and costs about the same:
/// writing the 205 files (29 MB) of a `rnnlab run --all` again took 0.70 s with it and 0.80 s
/// this way (median of 7, busy machine). It is not used because the name of its temporary file
/// (`.dat.nosync…`, random) is Foundation's private choice, while `FolderCarryOver` recognises
/// the leftovers of a killed write by their name, so that they do not follow a lesson folder
/// into the next run.
public enum AtomicFile {
    /// Writes `bytes` to `url`, creating the folder if needed.
    public static func write(_ bytes: some Collection<UInt8>, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try createFolder(folder)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw FileError(path: LessonFile.displayPath(url), message: "cannot be written (\(FileError.reason(errno: errno)))")
            }
        } catch let error as FileError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw FileError(path: LessonFile.displayPath(url), message: "cannot be written (\(FileError.reason(of: error)))")
        }
    }

    /// Creates `folder` and its parents when missing.
    ///
    /// - Throws: `FileError` naming the folder, in one line, when it cannot be created.
    public static func createFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            let reason = obstacle(to: folder) ?? FileError.reason(of: error)
            throw FileError(path: LessonFile.displayPath(folder), message: "cannot create the folder (\(reason))")
        }
    }

    /// What stands in the way of creating `folder`: the folder itself or the nearest existing
    /// enclosing path, when it is a file or cannot be written.
    static func obstacle(to folder: URL) -> String? {
        var existing = folder
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: existing.path, isDirectory: &isFolder) {
            let parent = existing.deletingLastPathComponent()
            if parent.path == existing.path { return nil }
            existing = parent
        }
        let display = LessonFile.displayPath(existing)
        if !isFolder.boolValue { return "\(display) is a file, not a folder" }
        if !FileManager.default.isWritableFile(atPath: existing.path) { return "\(display) is not writable" }
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
            throw FileError(path: LessonFile.displayPath(url), message: "\(size) bytes; \(limit.what) has at most \(limit.bytes)")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw FileError(path: LessonFile.displayPath(url), message: exists ? "cannot be read" : "no such file")
        }
        return [UInt8](data)
    }
}

/// A file that cannot be read or written, named, in one line.
public struct FileError: Error, CustomStringConvertible, Equatable {
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

    /// The system's words for `errno` ("Permission denied", "No space left on device").
    public static func reason(errno code: Int32) -> String { String(cString: strerror(code)) }

    /// What went wrong in one short phrase: the system's words for the POSIX error underneath
    /// Foundation's (instead of "Error Domain=NSCocoaErrorDomain Code=642 …"), else its description.
    public static func reason(of error: any Error) -> String {
        var current = error as NSError
        while true {
            if current.domain == NSPOSIXErrorDomain { return reason(errno: Int32(current.code)) }
            guard let underlying = current.userInfo[NSUnderlyingErrorKey] as? NSError else { break }
            current = underlying
        }
        if let posix = error as? POSIXError { return reason(errno: posix.code.rawValue) }
        switch CocoaError.Code(rawValue: current.code) {
        case .fileWriteVolumeReadOnly: return reason(errno: EROFS)
        case .fileWriteOutOfSpace: return reason(errno: ENOSPC)
        case .fileWriteNoPermission, .fileReadNoPermission: return reason(errno: EACCES)
        case .fileWriteFileExists: return reason(errno: EEXIST)
        case .fileNoSuchFile, .fileReadNoSuchFile: return reason(errno: ENOENT)
        default: return error.localizedDescription
        }
    }
}
