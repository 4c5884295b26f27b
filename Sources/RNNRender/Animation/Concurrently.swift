import Dispatch

/// Runs independent jobs on every core and returns their results in order.
enum Concurrently {
    /// `transform` of each element (or its error), computed concurrently, in the elements' order.
    static func map<Element: Sendable, Value: Sendable>(
        _ elements: [Element], _ transform: @escaping @Sendable (Element) throws -> Value
    ) -> [Result<Value, any Error>] {
        let slots = Slots<Value>(count: elements.count)
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            slots.set(index, Result { try transform(elements[index]) })
        }
        return slots.values
    }

    /// One slot per job; each slot is written by exactly one job, read after all have finished.
    private final class Slots<Value>: @unchecked Sendable {
        private let base: UnsafeMutablePointer<Result<Value, any Error>?>

        init(count: Int) {
            base = .allocate(capacity: count)
            base.initialize(repeating: nil, count: count)
            self.count = count
        }

        private let count: Int

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }

        func set(_ index: Int, _ value: Result<Value, any Error>) { base[index] = value }

        var values: [Result<Value, any Error>] { (0..<count).map { base[$0]! } }
    }
}
