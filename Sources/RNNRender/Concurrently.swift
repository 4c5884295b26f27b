import Dispatch

/// Runs independent jobs on every core and returns their results in order: the figures of a
/// lesson, the frames of an animation, the halves of a large PNG (docs/concurrency.md).
public enum Concurrently {
    /// `transform` of each element (or its error), computed concurrently, in the elements' order.
    /// A transform that cannot fail gives results whose `get()` cannot either.
    public static func map<Element: Sendable, Value: Sendable, Failure: Error>(
        _ elements: [Element], _ transform: @escaping @Sendable (Element) throws(Failure) -> Value
    ) -> [Result<Value, Failure>] {
        let slots = Slots<Value, Failure>(count: elements.count)
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            slots.set(index, Result { () throws(Failure) -> Value in try transform(elements[index]) })
        }
        return slots.values
    }

    /// One slot per job; each slot is written by exactly one job, read after all have finished.
    private final class Slots<Value, Failure: Error>: @unchecked Sendable {
        private let base: UnsafeMutablePointer<Result<Value, Failure>?>

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

        func set(_ index: Int, _ value: Result<Value, Failure>) { base[index] = value }

        var values: [Result<Value, Failure>] { (0..<count).map { base[$0]! } }
    }
}
