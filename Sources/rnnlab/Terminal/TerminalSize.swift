import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The size of a terminal in character cells.
struct TerminalSize: Equatable, Sendable {
    var width: Int
    var height: Int

    /// The size of the terminal on `fd` (`ioctl(TIOCGWINSZ)`); when that is unknown or zero,
    /// `COLUMNS` / `LINES` from the environment, else 80×24.
    static func current(fd: Int32 = STDOUT_FILENO,
                        environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalSize {
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
            return TerminalSize(width: Int(size.ws_col), height: Int(size.ws_row))
        }
        let width = environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? 80
        let height = environment["LINES"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? 24
        return TerminalSize(width: width, height: height)
    }
}
