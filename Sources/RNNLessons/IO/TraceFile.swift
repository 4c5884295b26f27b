import Foundation
import RNNTrace

/// Reads `trace.json` files, checking their size and format version before anything else and
/// their contents after (`TraceCheck`), so that a damaged, edited or foreign trace is one line.
public enum TraceFile {
    /// The format version a trace file says it has: `nil` when the file is missing, is not
    /// JSON or names no version (traces from before versions were written count as version 0).
    public static func formatVersion(of url: URL) -> Int? {
        guard let bytes = try? AtomicFile.read(url, limit: (TraceLimits.fileBytes, "a trace")),
              let header = try? JSONDecoder().decode(VersionHeader.self, from: Data(bytes))
        else { return nil }
        return header.formatVersion ?? 0
    }

    /// The trace in `url`.
    ///
    /// - Throws: `FileError` (one line, naming the file) when the file is missing, unreadable or
    ///   larger than `TraceLimits.fileBytes`, was written in another format version than
    ///   `LessonTrace.currentFormatVersion` (saying which, and what to do), does not decode as a
    ///   trace, or does not hold together (`TraceCheck`).
    public static func read(_ url: URL) throws -> LessonTrace {
        try decode(AtomicFile.read(url, limit: (TraceLimits.fileBytes, "a trace")), from: url)
    }

    /// The trace in `bytes`, read from `url` (which names it in errors); checked as `read` does.
    public static func decode(_ bytes: [UInt8], from url: URL) throws -> LessonTrace {
        let display = LessonFile.displayPath(url)
        try checkVersion(of: bytes, current: LessonTrace.currentFormatVersion, display: display, command: "rnnlab run")
        let trace = try JSONInput.decode(LessonTrace.self, from: bytes, url: url, expected: "a trace written by rnnlab run")
        if let problem = TraceCheck.problem(in: trace) {
            throw FileError(path: display, message: "not a trace as rnnlab run writes it: \(problem)")
        }
        return trace
    }

    /// The comparison trace (`rnnlab compare`'s `trace.json`) in `url`, its size and format
    /// version checked first.
    public static func readComparison(_ url: URL) throws -> ComparisonTrace {
        let bytes = try AtomicFile.read(url, limit: (TraceLimits.fileBytes, "a trace"))
        try checkVersion(
            of: bytes, current: ComparisonTrace.currentFormatVersion, display: LessonFile.displayPath(url), command: "rnnlab compare")
        return try JSONInput.decode(ComparisonTrace.self, from: bytes, url: url, expected: "a trace written by rnnlab compare")
    }

    /// Throws when `bytes` name a format version other than `current`.
    private static func checkVersion(of bytes: [UInt8], current: Int, display: String, command: String) throws {
        guard let version = try? JSONDecoder().decode(VersionHeader.self, from: Data(bytes)).formatVersion ?? 0, version != current
        else { return }
        let age = version < current ? "an older" : "a newer"
        throw FileError(
            path: display,
            message: "written by \(age) rnnlab (trace format \(version); this one reads \(current)); run it again with `\(command)`")
    }

    /// Only the version field of a trace.
    private struct VersionHeader: Decodable {
        var formatVersion: Int?
    }
}
