import Dispatch
import Foundation
import Synchronization

/// Runs the two halves of a piece of work at the same time: one on the calling thread, the
/// other on a helper thread that waits for work by spinning, then sleeping.
///
/// `DispatchQueue.concurrentPerform` wakes a sleeping worker for every call, which costs 20–30 µs
/// here — more than the work of one training step of a small model. The helper thread instead
/// keeps watching for work for a while (a few hundred µs) after each piece, so the pieces of a
/// training step, which follow each other closely, reach it in about a microsecond.
///
/// Each half is computed exactly as it would be alone, so results never depend on whether the
/// halves ran side by side. When the helper is already busy (another caller, or a nested call),
/// or there is only one processor, both halves run on the calling thread, one after the other;
/// and when the helper has not taken its half by the time the caller has done its own (the
/// helper asleep, or without a processor on a busy machine), the caller takes it back and does it
/// too, so a busy machine never makes a piece slower than running it on one thread.
public enum TwoThreads {
    /// Calls `body(0)` and `body(1)`, side by side when the helper thread is free.
    public static func run(_ body: (Int) -> Void) {
        guard let helper = Helper.shared, helper.reserve() else {
            body(0)
            body(1)
            return
        }
        withoutActuallyEscaping(body) { body in
            helper.start(body)
            body(0)
            helper.finish()
        }
    }

    /// Splits `range` in two at `split(range)` (the middle by default) and calls `body` with
    /// each part, side by side when the helper thread is free. An empty part is not called.
    public static func run(splitting range: Range<Int>, at middle: Int? = nil, _ body: (Range<Int>) -> Void) {
        let middle = middle ?? range.lowerBound + range.count / 2
        let parts = [range.lowerBound..<middle, middle..<range.upperBound]
        if parts[0].isEmpty || parts[1].isEmpty {
            if !range.isEmpty { body(range) }
            return
        }
        run { body(parts[$0]) }
    }

    /// The helper thread and the handshake with it.
    private final class Helper: @unchecked Sendable {
        /// Created on first use, when the engine may use two threads or more (`EngineThreads`).
        static let shared: Helper? = EngineThreads.count >= 2 ? Helper() : nil

        /// Polls of `posted`, each followed by `sched_yield`, before going to sleep (a few
        /// hundred microseconds).
        private static let polls = 1_000

        /// Whether a caller holds the helper.
        private let busy = Atomic<Bool>(false)
        /// The number of pieces posted; of pieces whose second half was taken (by the helper,
        /// or back by the caller); and of second halves the helper has finished.
        private let posted = Atomic<Int>(0)
        private let taken = Atomic<Int>(0)
        private let finished = Atomic<Int>(0)
        /// Whether the helper is (about to be) asleep on `wake`.
        private let sleeping = Atomic<Bool>(false)
        private let wake = DispatchSemaphore(value: 0)
        /// The piece of work; written before `posted` is raised, read after taking the piece.
        private var work: ((Int) -> Void)?

        private init() {
            let thread = Thread { [unowned self] in self.serve() }
            thread.name = "engine-helper"
            thread.start()
        }

        func reserve() -> Bool {
            busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        }

        func start(_ body: @escaping (Int) -> Void) {
            work = body
            posted.add(1, ordering: .sequentiallyConsistent)
            if sleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.signal() }
        }

        /// Takes back the second half if the helper has not taken it, or waits for the helper
        /// to finish it; then frees the helper.
        func finish() {
            let piece = posted.load(ordering: .relaxed)
            if take(piece) {
                work?(1)
            } else {
                // Between polls the processor is offered to others: a tight loop would slow
                // the helper down when the two threads share a core, and a helper waiting for a
                // processor gets this one.
                while finished.load(ordering: .acquiring) != piece { sched_yield() }
            }
            work = nil
            busy.store(false, ordering: .releasing)
        }

        /// Whether this thread took the second half of `piece` (nobody had).
        private func take(_ piece: Int) -> Bool {
            taken.compareExchange(expected: piece - 1, desired: piece, ordering: .sequentiallyConsistent).exchanged
        }

        private func serve() {
            var seen = 0
            while true {
                waitForPiece(after: seen)
                seen = posted.load(ordering: .sequentiallyConsistent)
                guard take(seen) else { continue }
                work?(1)
                finished.store(seen, ordering: .releasing)
            }
        }

        /// Returns once `posted` has moved past `seen`: spinning at first, then asleep.
        private func waitForPiece(after seen: Int) {
            for _ in 0..<Helper.polls {
                if posted.load(ordering: .acquiring) != seen { return }
                sched_yield()
            }
            sleeping.store(true, ordering: .sequentiallyConsistent)
            if posted.load(ordering: .sequentiallyConsistent) != seen {
                // Posted meanwhile: either the poster saw `sleeping` and signals, or it did not
                // and nobody will.
                if !sleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.wait() }
                return
            }
            wake.wait()
        }
    }
}
