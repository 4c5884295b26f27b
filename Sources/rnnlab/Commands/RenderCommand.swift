import ArgumentParser
import Foundation
import RNNCore
import RNNLessons
import RNNRender

/// `rnnlab render`: redraw a lesson's figures from its saved trace, without training.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Redraw figures from a saved trace.json.")

    @Argument(help: "The trace, e.g. output/hello/trace.json.")
    var trace: String

    @Option(name: .long, parsing: .upToNextOption, help: "Figures to draw (default: all that apply): \(FigureKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var figures: [FigureKind] = []

    @Option(name: .long, help: "Where to write (default: the trace's folder).")
    var out: String?

    @Option(name: .long, help: "png, svg or pdf.")
    var format: OutputFormat = .png

    @Option(name: .long, help: "Pixels per point for PNG (2 is sharp on projectors).")
    var scale: Double = 2

    func validate() throws {
        guard scale > 0 && scale <= 8 else { throw ValidationError("--scale must be between 0 and 8") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: trace)
        let decoded = try JSONInput.decode(LessonTrace.self, from: url, expected: "a trace written by rnnlab run")
        let folder = out.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent()
        let writer = FigureFiles(format: format, scale: scale, figures: figures.isEmpty ? nil : figures)
        for file in try writer.writeFigures(for: decoded, into: folder) { print(file.relativePath) }
    }
}

