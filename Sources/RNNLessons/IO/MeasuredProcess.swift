import Foundation

/// Runs a program and measures it as the system does: its wall-clock time and its peak resident
/// memory (`wait4`'s `ru_maxrss`, the child's own), for the scaling benchmarks and tests.
public enum MeasuredProcess {
    /// How a run ended.
    public struct Result: Sendable {
        /// The exit status (128 + the signal when it was killed).
        public var status: Int32
        /// Wall-clock seconds.
        public var seconds: Double
        /// The peak resident memory, in bytes.
        public var peakBytes: Int
        /// What it printed on standard output and standard error.
        public var output: String
    }

    /// Runs `executable` with `arguments` (paths in them absolute or relative to the current
    /// folder), its output collected in a temporary file.
    ///
    /// - Throws: `FileError` when the program cannot be started.
    public static func run(_ executable: URL, arguments: [String]) throws -> Result {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-measured-\(getpid())-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw FileError(path: executable.path, message: "cannot be started (\(String(cString: strerror(spawned))))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = (ContinuousClock.now - start).seconds
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let exit = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exit, seconds: seconds, peakBytes: Int(usage.ru_maxrss) * 1024, output: output)
    }
}
