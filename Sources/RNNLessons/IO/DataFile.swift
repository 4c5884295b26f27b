import Foundation

/// Reads a lesson's data file (a text, a CSV file, dialogs), saying in a few words what stands in
/// the way when it cannot: a missing file, a folder, a device such as `/dev/zero` or a pipe, a
/// file without read permission, or one too large to be a lesson's data.
public enum DataFile {
    /// The largest data file read: 1 GiB (a text of a billion characters).
    public static let maximumSize = 1 << 30

    /// The bytes of the regular file at `url`.
    ///
    /// - Throws: `DataFileProblem` saying why the file cannot be read.
    public static func read(_ url: URL) throws(DataFileProblem) -> [UInt8] {
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            throw errno == EACCES ? .unreadable("cannot be reached (permission denied)") : .missing
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .folder
        default: throw .notRegular
        }
        guard Int(status.st_size) <= maximumSize else { throw .tooLarge(bytes: Int(status.st_size)) }
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw .unreadable(access(url.path, R_OK) == 0 ? "cannot be read" : "cannot be read (permission denied)")
        }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            throw .unreadable("cannot be read (\(error.localizedDescription))")
        }
    }

    /// The UTF-8 text of the regular file at `url`.
    ///
    /// - Throws: `DataFileProblem` saying why the file cannot be read, or that it is not UTF-8
    ///   (with the line of the first invalid byte).
    public static func text(_ url: URL) throws(DataFileProblem) -> String {
        let bytes = try read(url)
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var line = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar == "\n" { line += 1 }
        }
        throw .notUTF8(line: line)
    }
}

/// Why a data file cannot be read, in words that follow its path ("lessons/book.txt: is a folder").
public enum DataFileProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// There is nothing at the path.
    case missing
    /// The path is a folder.
    case folder
    /// The path is a device, a pipe or a socket (`/dev/zero`), whose reading may never end.
    case notRegular
    /// The file cannot be opened or read.
    case unreadable(String)
    /// The file is larger than `DataFile.maximumSize`.
    case tooLarge(bytes: Int)
    /// The file is not UTF-8 text; the line of the first invalid byte.
    case notUTF8(line: Int)

    public var description: String {
        switch self {
        case .missing: "no such file"
        case .folder: "is a folder, not a file"
        case .notRegular: "is not a regular file (a device, a pipe or a socket)"
        case .unreadable(let reason): reason
        case .tooLarge(let bytes): "is \(bytes / (1 << 20)) MB; expected at most \(DataFile.maximumSize >> 20) MB"
        case .notUTF8(let line): "is not UTF-8 text (an invalid byte on line \(line))"
        }
    }
}

extension LessonFile {
    /// The UTF-8 text of the data file written at `key` of `data:` (`text_file`, `csv`, …),
    /// resolved against the lesson file's folder.
    ///
    /// - Throws: `LessonError` naming the lesson file, the key, the data file and its problem.
    public func dataText(_ key: String) throws -> (text: String, path: String) {
        guard let written = lesson.data.path(for: key) else {
            throw error(at: ["data", key], "missing", anchor: .parent)
        }
        let url = resolve(written)
        let display = LessonFile.displayPath(url)
        do {
            return (try DataFile.text(url), display)
        } catch {
            throw self.error(at: ["data", key], "\(display): \(error)")
        }
    }
}
