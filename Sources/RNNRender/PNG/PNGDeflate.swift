import Foundation

/// Which encoder makes the zlib stream of a PNG file's filtered rows.
///
/// The hand-written `ZlibRowEncoder` unless the environment variable `RNNLAB_PNG_DEFLATE` names a
/// library (`zlib` or `libdeflate`; any other value, or none, means the hand-written one). The
/// libraries are there to repeat the measurement that kept the hand-written encoder (see its doc
/// comment and README, Speed): the pixels are the same with each, the bytes are not.
enum PNGDeflate: String, CaseIterable, Sendable {
    /// `ZlibRowEncoder`, fed each row as it is filtered; large images in two halves on two threads.
    case handWritten = "hand-written"
    /// zlib's `deflate` at level 1, its fastest level, on one thread.
    case zlib
    /// libdeflate at level 6, faster than its level 1 on figures (`rnnlab-bench deflate`), on one thread.
    case libdeflate

    /// The encoder `RNNLAB_PNG_DEFLATE` names, read once.
    static let chosen = ProcessInfo.processInfo.environment["RNNLAB_PNG_DEFLATE"].flatMap(Self.init(rawValue:)) ?? .handWritten
}
