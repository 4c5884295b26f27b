import Foundation
import Testing
@testable import RNNRender
import RNNTrace

/// Every figure fits a slide (and an A4 page) at any model size, its text at least 20 pixels at
/// 1080p: drawn at 1 pixel per point, the smallest text drawn is at least 9.75 pixels on the
/// 960×540-point slide.
@Suite struct SlideSizeTests {
    static let smallestText = 9.75

    /// Draws `figure` and returns the image and the smallest text drawn, in pixels.
    static func draw(_ figure: any Figure, page: PageSize) throws -> (image: DecodedImage, smallestText: Double) {
        var smallest = Double.infinity
        let bytes = try figure.render(format: .png, scale: 1, page: page) { smallest = $0.smallestText }
        return (try PNGDecoder.decode(bytes), smallest)
    }

    /// Every figure and a few step frames of `trace` on `page`.
    static func figures(_ trace: LessonTrace, page: PageSize) throws -> [(name: String, figure: any Figure)] {
        var list = try FigureRenderer.availableFigures(for: trace).map { ($0.rawValue, try FigureRenderer.make($0, trace, page: page)) }
        for t in Set([0, trace.steps.count / 2, trace.steps.count - 1]).sorted() {
            list.append(("step \(t)", try FigureRenderer.stepFigure(t: t, trace: trace, page: page)))
        }
        for t in 0..<FigureRenderer.decoderStepCount(for: trace) {
            list.append(("decoder step \(t)", DecoderStepFigure(trace: trace, t: t, room: page.room)))
        }
        return list
    }

    @Test(arguments: SyntheticTraces.sizes.map(\.name) + ["long", "gru2", "seq2seq", "regression"])
    func everyFigureFitsASlideWithReadableText(_ name: String) throws {
        let trace = (SyntheticTraces.sizes + SyntheticTraces.all).first { $0.name == name }!.trace
        for (figure, drawing) in try Self.figures(trace, page: .widescreen) {
            let measured = try drawing.size(try Document.measuringCanvas())
            #expect(measured.width <= 960.5 && measured.height <= 540.5, "\(name)/\(figure) is \(measured) before fitting")
            let (image, smallest) = try Self.draw(drawing, page: .widescreen)
            #expect(image.width == 960 && image.height == 540, "\(name)/\(figure)")
            #expect(smallest >= Self.smallestText, "\(name)/\(figure): text \(smallest) px at 540p")
        }
    }

    @Test(arguments: ["wide", "hello"])
    func everyFigureFitsAnA4Page(_ name: String) throws {
        let trace = SyntheticTraces.sizes.first { $0.name == name }!.trace
        for (figure, drawing) in try Self.figures(trace, page: .a4) {
            let (image, smallest) = try Self.draw(drawing, page: .a4)
            #expect(image.width == 842 && image.height == 596, "\(name)/\(figure)")
            #expect(smallest >= Self.smallestText, "\(name)/\(figure): text \(smallest) pt on A4")
        }
    }

    /// A classifier's output boxes are wider than the widest column pitch; the unrolled network
    /// widens its columns instead of failing (it trapped: "Range requires lowerBound <= upperBound").
    @Test func aClassifiersWideOutputBoxesWidenTheColumns() throws {
        var trace = SyntheticTraces.hello()
        trace.lesson.task = .classify
        trace.classification = ClassificationTrace(
            labels: ["negative", "positive"], readout: "last", evidence: trace.steps.map { _ in [0.3, 0.7] })
        for page in [PageSize.widescreen, .a4, .natural] {
            let (image, _) = try Self.draw(UnrolledFigure(trace: trace, room: page.room), page: page)
            #expect(image.width > 0, "\(page)")
        }
    }

    @Test func aWideLayerIsSummarisedAndALongInputWindowed() throws {
        let trace = SyntheticTraces.wideTrace
        let gates = GatesFigure(trace: trace, room: PageSize.widescreen.room)
        #expect(gates.grid.rows.count == 2, "3 layers of gates: the first and the last")
        let hidden = HiddenFigure(trace: trace, room: PageSize.widescreen.room)
        let header = hidden.grid.header(try Document.measuringCanvas()).subtitles.joined(separator: " ")
        #expect(header.contains("of 4096 units, by variance per layer"), "\(header)")
        let unrolled = UnrolledFigure(trace: trace, room: PageSize.widescreen.room)
        #expect(unrolled.network.windowNote?.hasPrefix("steps t = ") == true)
        #expect(unrolled.network.unitsNote?.contains("of 4096 units, by variance") == true)
        #expect(unrolled.header.subtitles.contains { $0.contains("of 4096 units") })
    }

    @Test func naturalFiguresOfTheWidestModelAreDrawnToo() throws {
        let trace = SyntheticTraces.wideTrace
        for figure in FigureRenderer.availableFigures(for: trace) {
            let image = try PNGDecoder.decode(try FigureRenderer.render(figure, trace: trace, format: .png, scale: 2, page: .natural))
            #expect(image.width <= 1920 && image.height <= 1080, "\(figure): \(image.width)×\(image.height)")
        }
    }
}
