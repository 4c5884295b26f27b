import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process on its own pseudo-terminal, as if a person ran it in a terminal window:
/// a new session with the pty as controlling terminal, so Ctrl-C typed into it raises SIGINT.
final class PseudoTerminal {
    let master: Int32
    let pid: pid_t
    /// Everything the child wrote so far.
    private(set) var output: [UInt8] = []
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments` on a `width`×`height` terminal.
    init(executable: String, arguments: [String], width: Int, height: Int,
         environment: [String: String] = ["TERM": "xterm-256color", "PATH": "/usr/bin:/bin"]) throws {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0, let name = ttyname(slave) else {
            throw PseudoTerminalError("cannot open a pseudo-terminal")
        }
        let slavePath = String(cString: name)
        // The child opens the terminal by name after setsid(), which makes it its controlling terminal.
        defer { close(slave) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addclose(&actions, master)
        posix_spawn_file_actions_addclose(&actions, slave)
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session (POSIX_SPAWN_SETSID = 0x80, so the pty becomes the controlling terminal),
        // no blocked signals and default handlers, as when a shell starts a program.
        posix_spawnattr_setflags(&attributes, Int16(0x80 | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            close(master)
            throw PseudoTerminalError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        self.master = master
        self.pid = pid
    }

    deinit {
        if exitStatus == nil { kill(pid, SIGKILL); _ = waitForExit(timeout: 5) }
        close(master)
    }

    /// Types `text` into the terminal.
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Changes the terminal's size (the child gets SIGWINCH).
    func resize(width: Int, height: Int) {
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// The output as text.
    var text: String { String(decoding: output, as: UTF8.self) }

    /// Reads until the output after `offset` (in bytes) contains `needle`; returns where it ends,
    /// or nil after `timeout` seconds.
    @discardableResult
    func waitFor(_ needle: String, after offset: Int = 0, timeout: Double = 15) -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        let pattern = Array(needle.utf8)
        while true {
            if let range = Self.find(pattern, in: output, from: offset) { return range }
            guard Date() < deadline, readSome(timeoutMilliseconds: 100) != .closed else {
                return Self.find(pattern, in: output, from: offset)
            }
        }
    }

    /// Reads everything until the child closes the terminal, then its exit status
    /// (128 + signal when killed by one); nil when it does not finish within `timeout` seconds.
    func waitForExit(timeout: Double = 15) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid {
                while readSome(timeoutMilliseconds: 50) == .read {}
                let signal = status & 0x7F
                exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
                return exitStatus
            }
            _ = readSome(timeoutMilliseconds: 50)
        }
        return nil
    }

    private enum ReadResult { case read, timeout, closed }

    /// Reads what is there within the timeout.
    private func readSome(timeoutMilliseconds: Int32) -> ReadResult {
        var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeoutMilliseconds) > 0 else { return .timeout }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        guard count > 0 else { return .closed }
        output += buffer[0..<count]
        return .read
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from offset: Int) -> Int? {
        guard !pattern.isEmpty, bytes.count - offset >= pattern.count else { return nil }
        var i = max(offset, 0)
        while i + pattern.count <= bytes.count {
            if bytes[i] == pattern[0] && Array(bytes[i..<(i + pattern.count)]) == pattern { return i + pattern.count }
            i += 1
        }
        return nil
    }
}

struct PseudoTerminalError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The built `rnnlab` executable: next to the test bundle, else under `.build/debug` of the package.
func builtExecutable() -> String? {
    var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rnnlab")]
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            candidates.append(folder.appendingPathComponent(".build/debug/rnnlab"))
            break
        }
        folder.deleteLastPathComponent()
    }
    return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
}
