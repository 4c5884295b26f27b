import Foundation
import RNNRender
import RNNTrace

/// The time to draw each figure and step frame (decoder frames included) from saved traces, without
/// training (issue #5): the median of five rounds, so that a moment of a busy host does not count.
///
/// `rnnlab-bench figures` reads `output/*/trace.json` (write them with `rnnlab run --all`);
/// `--traces DIR` reads `DIR/*/trace.json` instead.
enum FigureBenchmarks {
    static func run(tracesFolder: String) throws {
        let folder = URL(fileURLWithPath: tracesFolder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var table = Table(header: ["lesson", "figures", "slowest", "ms (slowest)", "ms per figure", "steps", "step ms (slowest)",
                                   "decoder steps", "decoder ms (slowest)",
                                   "all (ms)"])
        var total = 0.0
        for name in names {
            let url = folder.appendingPathComponent(name).appendingPathComponent("trace.json")
            guard let data = try? Data(contentsOf: url) else { continue }
            let trace = try JSONDecoder().decode(LessonTrace.self, from: data)
            let times = FigureRenderer.availableFigures(for: trace).map { figure in
                (figure, 1000 * Measure.secondsPerCall(minimumSeconds: 0.1, rounds: 5) {
                    _ = try? FigureRenderer.render(figure, trace: trace, format: .png)
                })
            }
            let steps = trace.steps.indices.map { t in
                1000 * Measure.secondsPerCall(minimumSeconds: 0.05, rounds: 5) {
                    _ = try? FigureRenderer.renderStep(t: t, trace: trace, format: .png)
                }
            }
            let decoderSteps = (0..<FigureRenderer.decoderStepCount(for: trace)).map { t in
                1000 * Measure.secondsPerCall(minimumSeconds: 0.05, rounds: 5) {
                    _ = try? FigureRenderer.renderDecoderStep(t: t, trace: trace, format: .png)
                }
            }
            let slowest = times.max { $0.1 < $1.1 }!
            let sum = times.reduce(0) { $0 + $1.1 } + steps.reduce(0, +) + decoderSteps.reduce(0, +)
            total += sum
            table.rows.append([
                name, String(times.count), slowest.0.rawValue, String(format: "%.1f", slowest.1),
                String(format: "%.1f", times.reduce(0) { $0 + $1.1 } / Double(times.count)), String(steps.count),
                String(format: "%.1f", steps.max() ?? 0), String(decoderSteps.count),
                String(format: "%.1f", decoderSteps.max() ?? 0), String(format: "%.0f", sum),
            ])
        }
        print("Figures from saved traces (PNG, scale 2): one figure ≤ 50 ms")
        print(table.render())
        print(String(format: "all figures and step frames: %.0f ms\n", total))
    }
}
