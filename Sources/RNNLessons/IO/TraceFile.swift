import Foundation
import RNNCore

/// Reads `trace.json` files, checking their format version before anything else.
public enum TraceFile {
    /// The format version a trace file says it has: `nil` when the file is missing, is not
    /// JSON or names no version (traces from before versions were written count as version 0).
    public static func formatVersion(of url: URL) -> Int? {
        guard let data = FileManager.default.contents(atPath: url.path),
              let header = try? JSONDecoder().decode(VersionHeader.self, from: data)
        else { return nil }
        return header.formatVersion ?? 0
    }

    /// The trace in `url`.
    ///
    /// - Throws: `FileError` (one line, naming the file) when the file is missing or unreadable,
    ///   was written in another format version than `LessonTrace.currentFormatVersion` (saying
    ///   which, and what to do), or does not decode as a trace.
    public static func read(_ url: URL) throws -> LessonTrace {
        let bytes = try AtomicFile.read(url)
        let current = LessonTrace.currentFormatVersion
        if let version = try? JSONDecoder().decode(VersionHeader.self, from: Data(bytes)).formatVersion ?? 0,
           version != current
        {
            let age = version < current ? "an older" : "a newer"
            throw FileError(
                path: LessonFile.displayPath(url),
                message: "written by \(age) rnnlab (trace format \(version); this one reads \(current)); "
                    + "run the lesson again with `rnnlab run`")
        }
        return try JSONInput.decode(LessonTrace.self, from: url, expected: "a trace written by rnnlab run")
    }

    /// Only the version field of a trace.
    private struct VersionHeader: Decodable {
        var formatVersion: Int?
    }
}
