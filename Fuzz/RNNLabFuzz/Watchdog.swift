import Foundation

/// Ends the process when one input runs longer than `limit` seconds (a hang), after saying
/// where the input was saved; records the slowest input.
final class Watchdog: @unchecked Sendable {
    private let limit: Double
    private let saved: URL
    private let lock = NSLock()
    private var started: Date?
    private(set) var slowest = 0.0

    init(limit: Double, saved: URL) {
        self.limit = limit
        self.saved = saved
        let thread = Thread { [self] in watch() }
        thread.start()
    }

    func begin() { lock.withLock { started = Date() } }

    func end() {
        lock.withLock {
            if let started { slowest = max(slowest, Date().timeIntervalSince(started)) }
            started = nil
        }
    }

    private func watch() {
        while true {
            Thread.sleep(forTimeInterval: 0.2)
            let running = lock.withLock { started.map { Date().timeIntervalSince($0) } ?? 0 }
            if running > limit {
                FileHandle.standardError.write(Data("rnnlab-fuzz: an input ran over \(limit) s (a hang): \(saved.path)\n".utf8))
                exit(3)
            }
        }
    }
}
