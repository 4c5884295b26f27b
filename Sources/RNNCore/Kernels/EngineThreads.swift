import Foundation
import Synchronization

/// How many threads the engine's kernels use: what the program sets with `limit(to:)`, else the
/// active processors. Read once, when the kernels first need it (`TwoThreads`, `MatrixKernel`),
/// so a limit must be set before any training starts. The engine reads no environment: the
/// program passes the user's choice in, at its start.
///
/// The results never depend on it: every kernel computes the same bits on one thread or two.
public enum EngineThreads {
    private static let limit = Atomic<Int>(0)

    /// Limits the engine to `count` threads (1 keeps everything on the calling thread). A
    /// program that trains two models side by side, one per processor, sets 1: the helper thread
    /// of one model would only compete with the other model for the processors.
    public static func limit(to count: Int) {
        limit.store(max(count, 1), ordering: .relaxed)
    }

    /// The number of threads.
    public static var count: Int {
        let limited = limit.load(ordering: .relaxed)
        return limited > 0 ? limited : ProcessInfo.processInfo.activeProcessorCount
    }
}
