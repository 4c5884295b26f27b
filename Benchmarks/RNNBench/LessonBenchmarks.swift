import Foundation
import RNNLessons
import RNNRender

/// The lessons' training time, and the time to draw each figure (issues #4 and #5).
enum LessonBenchmarks {
    static func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try LessonCatalog(folder: URL(fileURLWithPath: "lessons")).files()
        var lessons = Table(header: ["lesson", "iterations", "training (ms)", "whole lesson (ms)"])
        var figures = Table(header: ["lesson", "figures", "slowest", "ms (slowest)", "ms per figure", "step frames, ms each"])
        var trainingTotal = 0.0, lessonTotal = 0.0, figureTotal = 0.0
        for url in files {
            let file = try LessonFile(contentsOf: url)
            let start = DispatchTime.now().uptimeNanoseconds
            let outcome = try LessonRunner(outputFolder: folder).run(file)
            let whole = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            trainingTotal += outcome.trainingSeconds * 1000
            lessonTotal += whole
            lessons.rows.append([
                file.lesson.name, String(outcome.trace.training.iterations),
                String(format: "%.1f", outcome.trainingSeconds * 1000), String(format: "%.1f", whole),
            ])
            var times: [(FigureKind, Double)] = []
            for figure in FigureRenderer.availableFigures(for: outcome.trace) {
                let seconds = Measure.secondsPerCall(minimumSeconds: 0.05, rounds: 3) {
                    _ = try? FigureRenderer.render(figure, trace: outcome.trace, format: .png)
                }
                times.append((figure, seconds * 1000))
            }
            let step = Measure.secondsPerCall(minimumSeconds: 0.05, rounds: 3) {
                _ = try? FigureRenderer.renderStep(t: 0, trace: outcome.trace, format: .png)
            } * 1000
            let slowest = times.max { $0.1 < $1.1 }!
            let sum = times.reduce(0) { $0 + $1.1 } + step * Double(outcome.trace.steps.count)
            figureTotal += sum
            figures.rows.append([
                file.lesson.name, String(times.count), slowest.0.rawValue, String(format: "%.1f", slowest.1),
                String(format: "%.1f", times.reduce(0) { $0 + $1.1 } / Double(times.count)), String(format: "%.1f", step),
            ])
        }
        lessons.rows.append(["all", "", String(format: "%.0f", trainingTotal), String(format: "%.0f", lessonTotal)])
        print("Lessons in process (no figures); the issue's bar for `rnnlab run --all --no-render` as a whole process: ≤ 2 s, goal ≤ 0.5 s")
        print(lessons.render())
        print()
        print("Figures (PNG, scale 2): one figure ≤ 50 ms; all lessons with figures ≤ 5 s, goal ≤ 2 s")
        print(figures.render())
        print(String(format: "all figures and step frames of all lessons: %.0f ms\n", figureTotal))
    }
}
