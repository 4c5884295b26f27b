import ArgumentParser
import Foundation
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

    @Option(name: .long, parsing: .unconditional, help: "Pixels per point for PNG (2 is sharp on projectors).")
    var scale: Double = 2

    @Option(name: .long, help: PageSize.help)
    var size: PageSize = .widescreen

    func validate() throws {
        guard scale > 0 && scale <= 8 else { throw ValidationError("--scale must be between 0 and 8") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: trace)
        let folder = out.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent()
        if Self.isComparison(url) { return try renderComparison(url, into: folder) }
        let decoded = try TraceFile.read(url)
        let writer = FigureFiles(format: format, scale: scale, page: size, figures: figures.isEmpty ? nil : figures)
        if figures.isEmpty, let note = FigureFiles.stepFramesNote(for: decoded) { Console.error(note) }
        for file in try writer.writeFigures(for: decoded, into: folder) { print(file.relativePath) }
    }

    /// Whether the file is the trace of a comparison (`rnnlab compare`): it lists runs.
    private static func isComparison(_ url: URL) -> Bool {
        guard let bytes = try? AtomicFile.read(url, limit: (TraceLimits.fileBytes, "a trace")),
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        else { return false }
        return object["runs"] != nil && object["steps"] == nil
    }

    /// Redraws a comparison's figures (`loss`, `sweep`, `gradient-flow`).
    private func renderComparison(_ url: URL, into folder: URL) throws {
        guard figures.isEmpty else { throw ValidationError("--figures names a lesson's figures; a comparison draws all of its own") }
        let decoded = try TraceFile.readComparison(url)
        for figure in ComparisonFigure.available(for: decoded) {
            let file = folder.appendingPathComponent(figure.fileName(format))
            try AtomicFile.write(try figure.render(decoded, format: format, scale: scale, page: size), to: file)
            print(file.relativePath)
        }
    }
}
