import Foundation
import RNNCore
import RNNLessons
import RNNRender

/// Renders a trace's figures into a folder, each file written atomically.
struct FigureFiles: FigureWriter {
    /// The file type.
    var format: OutputFormat = .png
    /// Pixels per point for PNG.
    var scale: Double = 2
    /// Which figures; all that make sense for the trace when `nil`.
    var figures: [FigureKind]?
    /// Whether to draw the step-through frames too.
    var includeSteps = true

    /// Writes the figures of `trace` under `folder` and returns the files written.
    func writeFigures(for trace: LessonTrace, into folder: URL) throws -> [URL] {
        let available = FigureRenderer.availableFigures(for: trace)
        var written: [URL] = []
        for figure in figures ?? available {
            if let reason = FigureRenderer.unavailableReason(figure, trace: trace) {
                throw ValidationFailure("figure '\(figure.rawValue)' is not available for \(trace.lesson.name): \(reason)")
            }
            let url = folder.appendingPathComponent(figure.fileName(format))
            try AtomicFile.write(FigureRenderer.render(figure, trace: trace, format: format, scale: scale), to: url)
            written.append(url)
        }
        if includeSteps && figures == nil {
            for t in trace.steps.indices {
                let url = folder.appendingPathComponent(FigureKind.stepFileName(t, format: format))
                try AtomicFile.write(FigureRenderer.renderStep(t: t, trace: trace, format: format, scale: scale), to: url)
                written.append(url)
            }
        }
        return written
    }
}

/// A user error reported as one line.
struct ValidationFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

