import Foundation

/// How long a training run will take, judged from its first iterations: one line for the user
/// when it is more than a minute, with the ways to shorten it.
struct TrainingEstimate {
    /// A run estimated to take longer than this many seconds is announced.
    static let announcedAbove = 60.0
    /// The estimate is made once this many seconds have passed …
    static let measuredSeconds = 1.0
    /// … or this many iterations (the first one, which sets up the workspaces, is not enough).
    static let measuredIterations = 5

    private let lesson: Lesson
    private var decided = false

    /// An estimate of `lesson`'s training.
    init(lesson: Lesson) { self.lesson = lesson }

    /// After `completed` iterations in `seconds`: the line to show, once, when the whole run
    /// will take more than a minute; otherwise `nil`.
    mutating func notice(completed: Int, seconds: Double) -> String? {
        guard !decided, completed >= 2, seconds >= Self.measuredSeconds || completed >= Self.measuredIterations else { return nil }
        decided = true
        let total = lesson.train.iterations
        let each = seconds / Double(completed)
        let whole = each * Double(total)
        guard whole > Self.announcedAbove, completed < total else { return nil }
        let minute = max(1, Int((Self.announcedAbove / each).rounded()))
        var ways = "--iterations \(minute) (about a minute)"
        if let batch = lesson.train.batch, batch > 1 { ways += " or a smaller batch: in the lesson file (now \(batch))" }
        return "\(lesson.name): this will take about \(Self.duration(whole)) (\(total) iterations, \(Self.duration(each)) each); "
            + "shorten it with \(ways)"
    }

    /// "3 minutes", "1 hour 5 minutes", "0.8 s", "35 ms".
    static func duration(_ seconds: Double) -> String {
        if seconds < 0.1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 60 { return seconds < 10 ? String(format: "%.1f s", seconds) : "\(Int(seconds.rounded())) s" }
        let minutes = Int((seconds / 60).rounded())
        if minutes < 60 { return minutes == 1 ? "a minute" : "\(minutes) minutes" }
        let hours = minutes / 60, rest = minutes % 60
        return (hours == 1 ? "1 hour" : "\(hours) hours") + (rest == 0 ? "" : " \(rest) minute\(rest == 1 ? "" : "s")")
    }
}
