import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive terminal: raw keys, the alternate screen, a hidden cursor — and the promise
/// to give all of it back, on a normal exit, on `q`, on Ctrl-C (SIGINT), SIGTERM and SIGHUP.
/// The chat's line editor takes the raw keys only (`enter(fullScreen: false)`).
///
/// Only ICANON and ECHO are turned off, so Ctrl-C still raises SIGINT; its handler restores the
/// saved terminal settings and screen and exits with status 130. The handlers do only
/// async-signal-safe work (`write(2)`, `tcsetattr`, `_exit`) on state prepared in advance, kept
/// in `nonisolated(unsafe)` statics because a C signal handler cannot capture context.
enum Terminal {
    /// Enters the alternate screen, hides the cursor, turns off line wrapping.
    static let enterSequence = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[?7l\u{1B}[H\u{1B}[2J"
    /// Resets colours, turns line wrapping back on, shows the cursor, leaves the alternate screen.
    static let leaveSequence = "\u{1B}[0m\u{1B}[?7h\u{1B}[?25h\u{1B}[?1049l"
    /// Resets colours: what leaving raw keys without the full screen writes.
    static let leaveLineSequence = "\u{1B}[0m"

    /// The settings to restore, saved by `enter()`.
    nonisolated(unsafe) private static var savedAttributes = termios()
    /// 1 while the terminal is in raw mode and must be restored.
    nonisolated(unsafe) private static var active: Int32 = 0
    /// Set by SIGWINCH; read and cleared by `takeResize()`.
    nonisolated(unsafe) private static var resized: Int32 = 0
    /// `leaveSequence` as bytes allocated before any handler can run.
    nonisolated(unsafe) private static var restoreBytes: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var restoreCount = 0

    /// Whether standard input and output are both terminals (the interactive view makes sense).
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// Puts the terminal into raw mode — and, when `fullScreen`, the alternate screen — and
    /// installs the handlers.
    static func enter(fullScreen: Bool = true) throws {
        var attributes = termios()
        guard tcgetattr(STDIN_FILENO, &attributes) == 0 else {
            throw ValidationFailure("standard input is not a terminal (\(String(cString: strerror(errno))))")
        }
        savedAttributes = attributes
        // Prepared while no handler can run (`active` is 0), for the handlers to write.
        let bytes = Array((fullScreen ? leaveSequence : leaveLineSequence).utf8)
        restoreBytes?.deallocate()
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        restoreBytes = buffer
        restoreCount = bytes.count
        attributes.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &attributes.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
            cc[Int(VSUSP)] = 0  // Ctrl-Z would stop us with the screen in raw mode: disabled
        }
        installHandlers()
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] { sigaddset(&signals, number) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)  // a parent may have left them blocked
        active = 1
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &attributes) == 0 else {
            active = 0
            throw ValidationFailure("cannot set the terminal to raw mode (\(String(cString: strerror(errno))))")
        }
        if fullScreen { write(enterSequence) }
    }

    /// Restores the saved settings and the screen; does nothing when not active.
    static func leave() {
        guard active == 1 else { return }
        restore()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        signal(SIGHUP, SIG_DFL)
        signal(SIGWINCH, SIG_DFL)
    }

    /// Whether the terminal was resized since the last call.
    static func takeResize() -> Bool {
        defer { resized = 0 }
        return resized != 0
    }

    /// Writes `text` to standard output unbuffered, all of it.
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { posixWrite(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Restores the terminal; async-signal-safe.
    private static func restore() {
        guard active == 1 else { return }
        active = 0
        if let restoreBytes { _ = posixWrite(STDOUT_FILENO, restoreBytes, restoreCount) }
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedAttributes)
    }

    private static func installHandlers() {
        signal(SIGINT) { signal in Terminal.restore(); _exit(128 + signal) }
        signal(SIGTERM) { signal in Terminal.restore(); _exit(128 + signal) }
        signal(SIGHUP) { signal in Terminal.restore(); _exit(128 + signal) }
        signal(SIGWINCH) { _ in Terminal.resized = 1 }
    }
}

/// `write(2)`, reachable from inside `Terminal` whose own `write` shadows it.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
