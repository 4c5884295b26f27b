import Foundation
import RNNLessons

/// Training progress: on a terminal a bar redrawn in place (iteration, loss, iterations/s, time
/// left); in a pipe a plain line about every 10 %. The iteration shown is the one whose loss is
/// shown, numbered as the figures number it (iteration k is the network after k steps, the last
/// one's loss the final loss).
final class ProgressBar {
    private let interactive: Bool
    private let width = 24
    private var start = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?
    private var lastTenth = -1
    /// The last held-out loss reported, shown beside the training loss.
    private var validationLoss: Float?

    /// A bar that redraws in place when `interactive`.
    init(interactive: Bool = Console.isTerminal) { self.interactive = interactive }

    /// Starts showing a lesson that began training at `start` (now by default).
    func begin(at start: ContinuousClock.Instant = .now) {
        self.start = start
        lastDraw = nil
        lastTenth = -1
        validationLoss = nil
    }

    /// Shows one line on standard error (how long a run will take) without garbling the bar,
    /// which is drawn again at the next update.
    func notice(_ line: String) {
        if interactive && lastDraw != nil { Console.write("\r\u{1B}[K") }
        Console.error(line)
        lastDraw = nil
    }

    /// Shows `progress`, at most every 50 ms on a terminal.
    func update(_ progress: TrainingProgress) {
        let now = ContinuousClock.now
        let done = progress.iteration == progress.total
        if let held = progress.validationLoss { validationLoss = held }
        if interactive {
            if let lastDraw, now - lastDraw < .milliseconds(50), !done { return }
            lastDraw = now
            Console.write("\r" + text(progress, elapsed: (now - start).seconds) + "\u{1B}[K")
        } else {
            let tenth = progress.iteration * 10 / max(progress.total, 1)
            guard tenth != lastTenth else { return }
            lastTenth = tenth
            Console.line(plain(progress, elapsed: (now - start).seconds))
        }
    }

    /// Ends the bar's line on a terminal.
    func finish() {
        if interactive && lastDraw != nil { Console.write("\r\u{1B}[K") }
    }

    private func text(_ progress: TrainingProgress, elapsed: Double) -> String {
        let fraction = Double(progress.completed) / Double(progress.total)
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let rate = elapsed > 0 ? Double(progress.completed) / elapsed : 0
        let left = rate > 0 ? Double(progress.total - progress.completed) / rate : 0
        return "\(progress.lesson) \(bar) iteration \(progress.iteration)/\(progress.total)  loss \(Self.loss(progress.loss))"
            + (validationLoss.map { "  validation \(Self.loss($0))" } ?? "")
            + String(format: "  %.0f it/s  ", rate) + "\(Console.duration(left)) left"
    }

    private func plain(_ progress: TrainingProgress, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(progress.completed) / elapsed : 0
        return "\(progress.lesson): iteration \(progress.iteration)/\(progress.total), loss \(Self.loss(progress.loss))"
            + (validationLoss.map { ", validation \(Self.loss($0))" } ?? "") + String(format: ", %.0f it/s", rate)
    }

    /// A loss with four decimals.
    private static func loss(_ value: Float) -> String { String(format: "%.4f", Double(value)) }

}
