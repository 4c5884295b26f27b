import Foundation

/// Times a closure: a warm-up call, then repeats until `minimumSeconds` have passed, and
/// reports the median of several rounds (seconds per call).
///
/// With `RNNBENCH_CPU_TIME=1` the clock is the process's CPU time (all threads) instead of
/// wall time: on a machine shared with other work it does not count time spent waiting for a
/// processor, so before/after comparisons of single-threaded work are far less noisy.
enum Measure {
    static let cpuTime = ProcessInfo.processInfo.environment["RNNBENCH_CPU_TIME"] == "1"

    /// Nanoseconds on the chosen clock.
    static func now() -> UInt64 {
        cpuTime ? cpuNanoseconds() : DispatchTime.now().uptimeNanoseconds
    }

    /// The process's CPU time (all threads), in nanoseconds.
    static func cpuNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// The wall-clock and CPU seconds (all threads of the process) of one call of `body`.
    static func wallAndCPUSeconds(_ body: () -> Void) -> (wall: Double, cpu: Double) {
        let wall = DispatchTime.now().uptimeNanoseconds, cpu = cpuNanoseconds()
        body()
        return (Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9, Double(cpuNanoseconds() - cpu) / 1e9)
    }

    static func secondsPerCall(minimumSeconds: Double = 0.4, rounds: Int = 5, _ body: () -> Void) -> Double {
        body()
        var calls = 1
        while true {
            let start = now()
            for _ in 0..<calls { body() }
            let elapsed = Double(now() - start) / 1e9
            if elapsed >= minimumSeconds / Double(rounds) { break }
            calls *= 2
        }
        var samples: [Double] = []
        for _ in 0..<rounds {
            let start = now()
            for _ in 0..<calls { body() }
            samples.append(Double(now() - start) / 1e9 / Double(calls))
        }
        return samples.sorted()[rounds / 2]
    }
}

/// A plain text table with right-aligned numbers.
struct Table {
    var header: [String]
    var rows: [[String]] = []

    func render() -> String {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line))
            .joined(separator: "\n")
    }
}

/// Formats a number with thousands separators.
func grouped(_ value: Double) -> String {
    let whole = Int(value.rounded())
    var digits = String(whole)
    var index = digits.count - 3
    while index > 0 {
        digits.insert(",", at: digits.index(digits.startIndex, offsetBy: index))
        index -= 3
    }
    return digits
}
