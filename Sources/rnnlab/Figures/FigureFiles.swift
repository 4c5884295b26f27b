import Foundation
import RNNLessons
import RNNRender
import RNNTrace

/// Renders a trace's figures into a folder, each file written atomically.
struct FigureFiles {
    /// The file type.
    var format: OutputFormat = .png
    /// Pixels per point for PNG.
    var scale: Double = 2
    /// The page every figure is drawn on.
    var page: PageSize = .widescreen
    /// Which figures; all that make sense for the trace when `nil`.
    var figures: [FigureKind]?
    /// Whether to draw the step-through frames too (a seq2seq trace's decoder steps after its
    /// encoder's), for inputs and answers of at most `TraceLimits.stepFrames` steps.
    var includeSteps = true

    /// Writes the figures of `trace` under `folder` and returns the files written.
    ///
    /// Figures are drawn on every core (each on its own Cairo surface), then written in order.
    func writeFigures(for trace: LessonTrace, into folder: URL) throws -> [URL] {
        var jobs: [(file: String, draw: @Sendable () throws -> [UInt8])] = []
        let format = format, scale = scale, page = page
        for figure in figures ?? FigureRenderer.availableFigures(for: trace) {
            if let reason = FigureRenderer.unavailableReason(figure, trace: trace) {
                throw ValidationFailure("figure '\(figure.rawValue)' is not available for \(trace.lesson.name): \(reason)")
            }
            jobs.append((figure.fileName(format), { try FigureRenderer.render(figure, trace: trace, format: format, scale: scale, page: page) }))
        }
        if includeSteps && figures == nil {
            for t in Self.hasStepFrames(trace) ? trace.steps.indices : 0..<0 {
                jobs.append(
                    (FigureKind.stepFileName(t, format: format), { try FigureRenderer.renderStep(t: t, trace: trace, format: format, scale: scale, page: page) }))
            }
            for t in Self.hasStepFrames(trace) ? 0..<FigureRenderer.decoderStepCount(for: trace) : 0..<0 {
                jobs.append(
                    (FigureKind.decoderStepFileName(t, trace: trace, format: format),
                     { try FigureRenderer.renderDecoderStep(t: t, trace: trace, format: format, scale: scale, page: page) }))
            }
        }
        let drawn = Concurrently.map(jobs.map(\.draw)) { try $0() }
        var written: [URL] = []
        for (job, bytes) in zip(jobs, drawn) {
            let url = folder.appendingPathComponent(job.file)
            try AtomicFile.write(bytes.get(), to: url)
            written.append(url)
        }
        return written
    }
}

extension FigureFiles {
    /// Whether `trace` is short enough for step frames: every frame shows the whole input.
    static func hasStepFrames(_ trace: LessonTrace) -> Bool {
        trace.steps.count <= TraceLimits.stepFrames && (trace.decoder?.count ?? 0) <= TraceLimits.stepFrames
    }

    /// "adding: no step frames for 200 steps (at most 100; view steps through them)", or `nil`.
    static func stepFramesNote(for trace: LessonTrace) -> String? {
        guard !hasStepFrames(trace) else { return nil }
        let steps = max(trace.steps.count, trace.decoder?.count ?? 0)
        return "\(trace.lesson.name): no step frames for \(steps) steps (at most \(TraceLimits.stepFrames); `rnnlab view` steps through them)"
    }
}

/// A user error reported as one line.
struct ValidationFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

