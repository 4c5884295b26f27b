import Foundation

/// Writing to the terminal: stdout for results, stderr for errors.
enum Console {
    /// Whether standard output is a terminal (progress redraws in place) or a pipe.
    static let isTerminal = isatty(STDOUT_FILENO) == 1

    /// Writes `text` to standard output without a newline, flushing at once.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes a line to standard output.
    static func line(_ text: String) { write(text + "\n") }

    /// Writes a line to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Seconds as "4.2 ms", "0.42 s", "12 s" or "3 min 5 s".
    static func duration(_ seconds: Double) -> String {
        if seconds < 0.1 { return String(format: "%.1f ms", seconds * 1000) }
        if seconds < 10 { return String(format: "%.2f s", seconds) }
        if seconds < 60 { return String(format: "%.0f s", seconds) }
        return String(format: "%d min %d s", Int(seconds) / 60, Int(seconds) % 60)
    }
}
