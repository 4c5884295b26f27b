import Foundation
import RNNTrace

/// The animations of a lesson: a figure through training — a frame per trace of the network at
/// iterations 0, K, 2K … N, each frame the same picture as that figure's PNG of that trace (the
/// iteration and loss in its headline) — or the step-through frames of the shown input.
public enum FigureAnimation: String, CaseIterable, Sendable {
    /// The prediction on the shown input at each iteration: `predictions.png` of one row.
    case predictions
    /// `hidden.png` at each iteration.
    case hidden
    /// `attention.png` at each iteration (seq2seq with attention).
    case attention
    /// `loss.png` drawn up to each iteration.
    case loss
    /// The step frames of the shown input, one per step (then a seq2seq answer's decoder steps).
    case steps

    /// The file name ("hidden.gif").
    public var fileName: String { "\(rawValue).gif" }

    /// The figure a training animation's frames are drawn as; `nil` for the step-through.
    public var figure: FigureKind? {
        switch self {
        case .predictions: .predictions
        case .hidden: .hidden
        case .attention: .attention
        case .loss: .loss
        case .steps: nil
        }
    }

    /// Hundredths of a second each frame stays, and the last one (a pause before the loop starts again).
    public static let frameDelay = 20
    public static let lastFrameDelay = 250
    /// A step-through frame stays longer: there is more to read.
    public static let stepDelay = 100

    /// The animations that apply to `trace`, in order.
    public static func available(for trace: LessonTrace) -> [FigureAnimation] {
        allCases.filter { unavailableReason($0, trace: trace) == nil }
    }

    /// Why `animation` cannot be drawn for `trace`, or `nil` when it can.
    public static func unavailableReason(_ animation: FigureAnimation, trace: LessonTrace) -> String? {
        guard let figure = animation.figure else {
            return trace.steps.isEmpty ? "the trace has no time steps" : nil
        }
        return FigureRenderer.unavailableReason(figure, trace: trace)
    }

    /// The frames' figures: for a training animation one per trace of `frames` (the network at
    /// successive iterations), for the step-through one per step of `frames.last`.
    static func figures(_ animation: FigureAnimation, frames: [LessonTrace], page: PageSize) throws -> [any Figure] {
        guard let figure = animation.figure else {
            guard let trace = frames.last else { return [] }
            let steps = try trace.steps.indices.map { try FigureRenderer.stepFigure(t: $0, trace: trace, page: page) }
            let decoder = (0..<FigureRenderer.decoderStepCount(for: trace)).map {
                DecoderStepFigure(trace: trace, t: $0, room: page.room) as any Figure
            }
            return steps + decoder
        }
        return try frames.map { try FigureRenderer.make(figure, $0, page: page) }
    }

    /// Draws the animation as a GIF on `page` (`natural` is drawn on 16:9: frames share one size)
    /// at `scale` pixels per point: frames drawn and reduced to 256 colours on every core, then
    /// written in order.
    ///
    /// - Parameter frames: the traces of the network at the iterations shown, in order (the
    ///   step-through uses the last, the trained network's).
    public static func render(_ animation: FigureAnimation, frames: [LessonTrace], page: PageSize = .widescreen,
                              scale: Double = 1) throws -> [UInt8] {
        guard let first = frames.first else { throw RenderError.invalidArgument("an animation needs at least one frame") }
        if let reason = unavailableReason(animation, trace: first) {
            throw RenderError.notAvailable(figure: animation.rawValue, reason: reason)
        }
        let page = page == .natural ? .widescreen : page
        let figures = try self.figures(animation, frames: frames, page: page)
        let delays = figures.indices.map { k in
            k == figures.count - 1 ? lastFrameDelay : animation == .steps ? stepDelay : frameDelay
        }
        return try encode(figures, delays: delays, page: page, scale: scale)
    }

    /// Draws `figures` as the frames of one GIF, `delays[k]` hundredths of a second each.
    static func encode(_ figures: [any Figure], delays: [Int], page: PageSize, scale: Double) throws -> [UInt8] {
        let points = page.points ?? PageSize.widescreen.points!
        let width = Int((points.width * scale).rounded(.up)), height = Int((points.height * scale).rounded(.up))
        let encoder = try GIFEncoder(width: width, height: height)
        // Frames are drawn and quantized a batch at a time on every core (a frame's changes are
        // taken against the one before it, the last of the previous batch for the first).
        let batch = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        var previous: DecodedImage?
        for start in stride(from: 0, to: figures.count, by: batch) {
            let range = start..<min(start + batch, figures.count)
            let images = Concurrently.map(Array(range)) { try figures[$0].pixels(scale: scale, page: page) }
            let drawn = try images.map { try $0.get() }
            let before = [previous] + drawn.dropLast().map { Optional($0) }
            let quantized = Concurrently.map(Array(drawn.indices)) { try GIFEncoder.quantize(drawn[$0], after: before[$0]) }
            for (offset, frame) in quantized.enumerated() { try encoder.add(try frame.get(), delay: delays[range.lowerBound + offset]) }
            previous = drawn.last
        }
        return try encoder.finish()
    }
}
