import Dispatch

/// Runs independent jobs on every core and returns their results in the jobs' order.
enum ParallelMap {
    /// Each job's result (or error), in order.
    static func run<Value: Sendable>(_ jobs: [@Sendable () throws -> Value]) -> [Result<Value, any Error>] {
        let results = Results<Value>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            results.set(index, Result { try jobs[index]() })
        }
        return results.values.map { $0! }
    }

    /// One slot per job, in memory allocated up front; each slot is written by exactly one job.
    private final class Results<Value>: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<Result<Value, any Error>?>
        private let count: Int

        init(count: Int) {
            self.count = count
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil, count: count)
        }

        deinit {
            slots.deinitialize(count: count)
            slots.deallocate()
        }

        func set(_ index: Int, _ value: Result<Value, any Error>) { slots[index] = value }

        var values: [Result<Value, any Error>?] { Array(UnsafeBufferPointer(start: slots, count: count)) }
    }
}
