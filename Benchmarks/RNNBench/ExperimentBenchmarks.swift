import Foundation

/// The experiments, timed as a user runs them: the `rnnlab` binary next to this one, as a whole
/// process (issue #15's bar: the why-gates sweep, one seed, ≤ 30 s on two cores, goal ≤ 10 s,
/// PyTorch about 90 s; issue #18's: why-attention ≤ 120 s, goal ≤ 40 s, PyTorch about 370 s).
enum ExperimentBenchmarks {
    static func run() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rnnlab")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            print("experiments: no rnnlab binary beside rnnlab-bench (make bench builds it)\n")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var table = Table(header: ["experiment", "command", "seconds", "bar"])
        let cases: [(name: String, arguments: [String], bar: String)] = [
            ("why-gates, one seed", ["compare", "why-gates", "--seeds", "1"], "≤ 30 s, goal ≤ 10 s (PyTorch ≈ 90 s)"),
            ("why-attention", ["compare", "why-attention"], "≤ 120 s, goal ≤ 40 s (PyTorch ≈ 370 s)"),
        ]
        for item in cases {
            let process = Process()
            process.executableURL = binary
            process.arguments = item.arguments + ["--out", folder.path]
            process.standardOutput = FileHandle.nullDevice
            let start = DispatchTime.now().uptimeNanoseconds
            try process.run()
            process.waitUntilExit()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let status = process.terminationStatus == 0 ? String(format: "%.1f", seconds) : "failed (\(process.terminationStatus))"
            table.rows.append([item.name, "rnnlab " + item.arguments.joined(separator: " "), status, item.bar])
        }
        print("Experiments, as whole processes (figures included)")
        print(table.render())
        print()
    }
}
