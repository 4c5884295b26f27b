import Foundation
import RNNLessons

/// The progress of a comparison's runs, trained two at a time, as one display: on a terminal a
/// bar over every run's iterations redrawn in place (runs done, the runs training now, time
/// left); each finished run gets a line of its own above it, in the runs' order.
final class ComparisonProgress: @unchecked Sendable {
    private let name: String
    private let labels: [String]
    private let totals: [Int]
    private let interactive: Bool
    private let width = 24
    private let start = ContinuousClock.now
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var completed: [Int]
    private var training: Set<Int> = []
    private var finished = 0
    private var lastDraw: ContinuousClock.Instant?

    /// A display for runs labelled `labels`, of `totals` iterations each.
    init(name: String, labels: [String], totals: [Int], interactive: Bool = Console.isTerminal) {
        self.name = name
        self.labels = labels
        self.totals = totals
        self.interactive = interactive
        completed = Array(repeating: 0, count: labels.count)
    }

    /// Run `index` reports `progress` (from its training thread).
    func update(_ index: Int, _ progress: TrainingProgress) {
        lock.withLock {
            completed[index] = progress.completed
            training.insert(index)
            guard interactive else { return }
            let now = ContinuousClock.now
            if let lastDraw, now - lastDraw < .milliseconds(50) { return }
            lastDraw = now
            Console.write("\r" + bar(now: now) + "\u{1B}[K")
        }
    }

    /// Run `index` has finished: its line `text` is printed above the bar.
    func finish(_ index: Int, _ text: String) {
        lock.withLock {
            completed[index] = totals[index]
            training.remove(index)
            finished += 1
            if interactive { Console.write("\r\u{1B}[K") }
            Console.line("  \(finished)/\(labels.count) \(text)")
            if interactive && finished < labels.count { Console.write(bar(now: .now)) }
        }
    }

    /// Clears the bar's line.
    func end() {
        lock.withLock { if interactive { Console.write("\r\u{1B}[K") } }
    }

    private func bar(now: ContinuousClock.Instant) -> String {
        let done = completed.reduce(0, +), all = max(totals.reduce(0, +), 1)
        let fraction = Double(done) / Double(all)
        let filled = min(width, Int(fraction * Double(width)))
        let elapsed = (now - start).seconds
        let left = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let now = training.sorted().map { labels[$0] }.joined(separator: " | ")
        return "\(name) " + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            + " \(finished)/\(labels.count) runs  \(Console.duration(left)) left  \(now)"
    }
}
