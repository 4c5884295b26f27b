import Foundation
import Testing
@testable import RNNRender
import RNNTrace

/// The seq2seq decoder's step frames: one per answer word, all one size, real values drawn.
@Suite struct DecoderStepFigureTests {
    /// The synthetic chatbot trace with its answer cut to `count` words or repeated to `count`
    /// words (the last step always writes `<eos>`), a long word among them.
    static func answer(of count: Int) -> LessonTrace {
        var trace = SyntheticTraces.seq2seq()
        let steps = trace.decoder!
        trace.decoder = (0..<count).map { k in
            var step = k == count - 1 ? steps.last! : steps[k % (steps.count - 1)]
            step.t = k
            if k == 7 { step.outputToken = "backpropagation"; step.topTokens[0] = "backpropagation" }
            return step
        }
        return trace
    }

    @Test func thereIsOneFramePerAnswerWordAndNoneWithoutADecoder() throws {
        let trace = SyntheticTraces.seq2seq()
        #expect(FigureRenderer.decoderStepCount(for: trace) == trace.decoder!.count)
        #expect(FigureRenderer.decoderStepCount(for: SyntheticTraces.hello()) == 0)
        #expect(throws: RenderError.self) { try FigureRenderer.renderDecoderStep(t: trace.decoder!.count, trace: trace, format: .png) }
        #expect(throws: RenderError.self) { try FigureRenderer.renderDecoderStep(t: 0, trace: SyntheticTraces.hello(), format: .png) }
        // Numbered on after the question's frames, as `view` numbers its positions.
        #expect(FigureKind.decoderStepFileName(0, trace: trace, format: .png) == "steps/step-05.png")
        #expect(FigureKind.decoderStepFileName(5, trace: trace, format: .png) == "steps/step-10.png")
    }

    @Test(arguments: [1, 6, 40])
    func everyFrameIsAPNGOfOneSizeWithEveryBoxInside(_ count: Int) throws {
        let trace = Self.answer(of: count)
        let canvas = try Document.measuringCanvas()
        let size = try DecoderStepFigure(trace: trace, t: 0).size(canvas)
        for t in [0, count / 2, count - 1] {
            let figure = DecoderStepFigure(trace: trace, t: t)
            #expect(try figure.size(canvas) == size, "frame \(t) of \(count)")
            let image = try PNGDecoder.decode(try FigureRenderer.renderDecoderStep(t: t, trace: trace, format: .png, scale: 2, page: .natural))
            #expect(image.width == Int(size.width.rounded(.up) * 2) && image.height == Int(size.height.rounded(.up) * 2))
            let boxes = (0..<count).map { figure.answerBoxRect(canvas, $0) }
            #expect(boxes.allSatisfy { $0.minX >= Layout.margin && $0.maxX <= size.width - Layout.margin })
            for (a, b) in zip(boxes, boxes.dropFirst()) where a.minY == b.minY { #expect(a.maxX <= b.minX) }
            if count == 40 { #expect(Set(boxes.map(\.minY)).count > 1, "a long answer wraps") }
        }
    }

    @Test func theChosenWordsBarIsSolidAndTheQuestionIsShadedByAttention() throws {
        let trace = SyntheticTraces.seq2seq()
        let t = 2
        let figure = DecoderStepFigure(trace: trace, t: t)
        let canvas = try Document.measuringCanvas()
        let image = try PNGDecoder.decode(try FigureRenderer.renderDecoderStep(t: t, trace: trace, format: .png, scale: 1, page: .natural))
        let theme = Theme.light
        let chosen = try #require(figure.chosenBarRect(canvas))
        #expect(close(pixel(image, chosen.minX + 3, chosen.midY), theme.output.bytes))
        // A bar not chosen is the same blue, faded.
        let fadedY = chosen.midY + ProbabilityBars.rowHeight
        #expect(close(pixel(image, chosen.minX + 3, fadedY), theme.background.mixed(with: theme.output, 0.35).bytes))
        for j in trace.steps.indices {
            let box = figure.questionBoxRect(canvas, j)
            let alpha = Double(trace.decoder![t].attention![j])
            #expect(close(pixel(image, box.minX + 4, box.midY), ColorMap.viridis.color(at: alpha).bytes, 4), "word \(j)")
        }
    }

    @Test func framesAreByteIdenticalForTheSameTrace() throws {
        let trace = Self.answer(of: 12)
        let decoded = try JSONDecoder().decode(LessonTrace.self, from: JSONEncoder().encode(trace))
        for t in [0, 11] {
            let first = try FigureRenderer.renderDecoderStep(t: t, trace: trace, format: .png)
            #expect(try FigureRenderer.renderDecoderStep(t: t, trace: decoded, format: .png) == first)
        }
        #expect(try FigureRenderer.renderDecoderStep(t: 0, trace: trace, format: .png)
            != FigureRenderer.renderDecoderStep(t: 1, trace: trace, format: .png))
    }

    @Test func aModelWithoutAttentionStillGetsFrames() throws {
        var trace = SyntheticTraces.seq2seq()
        trace.decoder = trace.decoder!.map { step in
            var step = step
            step.attention = nil
            step.context = nil
            return step
        }
        let image = try PNGDecoder.decode(try FigureRenderer.renderDecoderStep(t: 1, trace: trace, format: .png, scale: 1))
        #expect(image.width > 400)
    }
}
