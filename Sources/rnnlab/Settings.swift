import Foundation
import RNNCore

/// What rnnlab takes from its environment, read at the edge and passed in, never read inside
/// the engine or the lessons:
///
/// - `RNNLAB_THREADS`: how many threads the engine's kernels use (1 keeps each lesson on one
///   thread); read here once, at start, and passed to the engine (`EngineThreads.limit(to:)`).
/// - `NO_COLOR`, `TERM`, `COLORTERM`: how much colour the terminal views use (`ColorMode.detect`).
/// - `COLUMNS`, `LINES`: the terminal's size when the terminal does not say (`TerminalSize.current`).
///
/// One more is read where it is used: `RNNLAB_PNG_DEFLATE` (`zlib`, `libdeflate`) makes the PNG
/// writer use a library instead of its own encoder, to repeat the deflate trial (README, Speed).
enum Settings {
    /// `RNNLAB_THREADS` as a whole number, if it is set to one.
    static let threads: Int? = ProcessInfo.processInfo.environment["RNNLAB_THREADS"].flatMap { Int($0) }

    /// Passes the settings to the engine, before any command runs.
    static func apply() {
        if let threads { EngineThreads.limit(to: threads) }
    }
}
