import Foundation
import Testing
@testable import RNNRender
import RNNTrace

@Suite struct FigureTests {
    static let traceNames = SyntheticTraces.all.map(\.name)
    static func trace(_ name: String) -> LessonTrace { SyntheticTraces.all.first { $0.name == name }!.trace }

    @Test(arguments: traceNames)
    func everyAvailableFigureIsAValidPNGOfItsSize(_ name: String) throws {
        let trace = Self.trace(name)
        let figures = FigureRenderer.availableFigures(for: trace)
        #expect(figures.count >= 5)
        for figure in figures {
            let bytes = try FigureRenderer.render(figure, trace: trace, format: .png, scale: 2, page: .natural)
            let image = try PNGDecoder.decode(bytes)
            let size = try FigureRenderer.size(figure, trace: trace, page: .natural)
            #expect(image.width == Int(size.width * 2) && image.height == Int(size.height * 2), "\(name)/\(figure)")
            #expect(close(image.rgb(0, 0), Theme.light.background.bytes, 0), "\(name)/\(figure) corner")
            #expect(close(image.rgb(image.width - 1, image.height - 1), Theme.light.background.bytes, 0))
        }
    }

    @Test func availabilityFollowsTheTrace() {
        let hello = FigureRenderer.availableFigures(for: SyntheticTraces.hello())
        #expect(hello == [.unrolled, .hidden, .gates, .cell, .predictions, .loss, .activations, .gradientFlow])
        let seq2seq = FigureRenderer.availableFigures(for: SyntheticTraces.seq2seq())
        #expect(seq2seq.contains(.attention) && !seq2seq.contains(.predictions) && !seq2seq.contains(.forecast))
        let regression = FigureRenderer.availableFigures(for: SyntheticTraces.regression())
        #expect(regression.contains(.forecast) && !regression.contains(.activations) && !regression.contains(.attention))
        let rnn = FigureRenderer.availableFigures(for: SyntheticTraces.oneStep())
        #expect(!rnn.contains(.gates) && !rnn.contains(.gradientFlow) && rnn.contains(.cell))
        #expect(throws: RenderError.self) {
            try FigureRenderer.render(.attention, trace: SyntheticTraces.hello(), format: .png)
        }
    }

    /// The terminal, the files and the figures count the same way: steps, decoder steps,
    /// layers, units and iterations from 0; the final loss is the last iteration's.
    @Test func figuresNumberAsTheTerminalDoes() {
        let gru2 = HiddenFigure(trace: SyntheticTraces.gru2()).grid.rows.flatMap(\.blocks)
        #expect(gru2.map(\.title) == ["layer 0 · hidden state h_t", "layer 1 · hidden state h_t"])
        #expect(gru2[0].values.count == 8, "units 0…7")
        let gates = GatesFigure(trace: SyntheticTraces.gru2()).grid.rows.flatMap(\.blocks).map(\.title)
        #expect(gates.first?.hasPrefix("layer 0 · ") == true && !gates.contains { $0.hasPrefix("layer 2") })
        let decoder = DecoderStepFigure(trace: SyntheticTraces.seq2seq(), t: 1).header.title
        #expect(decoder.hasPrefix("Decoder step t = 1 of 0…"), "\(decoder)")
        let hello = SyntheticTraces.hello()
        let loss = LossFigure.make(hello).header.subtitles.first ?? ""
        #expect(loss.hasSuffix("final loss \(String(format: "%.4f", hello.training.loss.last!))"))
        #expect(hello.subtitle.contains("· 50 iterations ·"), "iterations 0…50 are 50 optimizer steps")
    }

    /// loss.png with held-out data: both curves, named, the validation loss in the subtitle.
    @Test func lossFigureDrawsTheValidationLoss() throws {
        var trace = SyntheticTraces.hello()
        trace.training.validation = ValidationHistory(iterations: [0, 25, 50], loss: [1.7, 0.9, 0.4])
        let figure = LossFigure.make(trace)
        #expect(figure.header.title.hasPrefix("Training loss: "))
        #expect(figure.header.subtitles.first?.contains(" · final loss ") == true)
        #expect(figure.header.subtitles.first?.hasSuffix(" · validation 0.4000") == true)
        #expect(figure.plot.series.map(\.name).prefix(2) == ["training loss", "validation loss (held out)"])
        #expect(figure.plot.series[1].points.map(\.x) == [0, 25, 50])
        let image = try PNGDecoder.decode(try FigureRenderer.render(.loss, trace: trace, format: .png, scale: 1))
        let colour = Theme.light.accent(3).bytes
        let found = (0..<image.height).contains { y in (0..<image.width).contains { close(image.rgb($0, y), colour, 4) } }
        #expect(found, "the validation curve is drawn in its colour")
        #expect(LossFigure.make(SyntheticTraces.hello()).plot.series.first?.name == "loss")
    }

    /// forecast.png in the lesson's words: the target, its unit, its period.
    @Test func forecastFigureUsesTheLessonsWords() throws {
        var trace = SyntheticTraces.regression()
        let stock = ForecastFigure.make(trace, forecast: trace.forecast!)
        #expect(stock.header.title.contains(": RMSE $9.87, naive ") && stock.plot.yLabel == "Close ($)")
        #expect(stock.plot.xLabel == "day index (of 732 days)" && stock.plot.series[2].name == "naive (tomorrow = today)")
        trace.forecast?.targetName = "temperature"
        trace.forecast?.unit = "°C"
        trace.forecast?.period = "hour"
        let weather = ForecastFigure.make(trace, forecast: trace.forecast!)
        #expect(weather.header.title.contains(": RMSE 9.87 °C, naive ") && weather.plot.yLabel == "temperature (°C)")
        #expect(weather.plot.xLabel == "hour index (of 732 hours)" && weather.plot.series[2].name == "naive (next hour = this hour)")
        trace.forecast?.unit = ""
        #expect(ForecastFigure.make(trace, forecast: trace.forecast!).plot.yLabel == "temperature")
        _ = try FigureRenderer.render(.forecast, trace: trace, format: .png, scale: 1)
    }

    @Test func vectorFormatsAreProducedAndReproducible() throws {
        let trace = SyntheticTraces.hello()
        for figure in FigureRenderer.availableFigures(for: trace) {
            let svg = try FigureRenderer.render(figure, trace: trace, format: .svg)
            let pdf = try FigureRenderer.render(figure, trace: trace, format: .pdf)
            #expect(String(decoding: svg.prefix(5), as: UTF8.self) == "<?xml" || String(decoding: svg.prefix(4), as: UTF8.self) == "<svg")
            #expect(String(decoding: pdf.prefix(4), as: UTF8.self) == "%PDF")
            #expect(try FigureRenderer.render(figure, trace: trace, format: .svg) == svg, "\(figure) svg")
            #expect(try FigureRenderer.render(figure, trace: trace, format: .pdf) == pdf, "\(figure) pdf")
            let png = try FigureRenderer.render(figure, trace: trace, format: .png)
            #expect(try FigureRenderer.render(figure, trace: trace, format: .png) == png, "\(figure) png")
        }
    }

    @Test func rightAndWrongPredictionsHaveTheirColours() throws {
        let trace = SyntheticTraces.hello()
        let figure = PredictionsFigure(trace: trace)
        let image = try PNGDecoder.decode(try FigureRenderer.render(.predictions, trace: trace, format: .png, scale: 1, page: .natural))
        let canvas = try Document.measuringCanvas()
        let first = trace.snapshots.first!, last = trace.snapshots.last!
        #expect(!first.correct[0] && last.correct[0])
        let wrong = figure.boxRect(canvas, row: 2, t: 0)
        let right = figure.boxRect(canvas, row: 2 + trace.snapshots.count - 1, t: 0)
        #expect(close(pixel(image, wrong.minX + 1.25, wrong.midY), Theme.light.wrong.bytes, 6))
        #expect(close(pixel(image, right.minX + 1.25, right.midY), Theme.light.right.bytes, 6))
    }

    @Test func wordPredictionsGetBoxesAsWideAsTheirWordsWithoutOverlap() throws {
        var trace = SyntheticTraces.seq2seq()
        let answer = (trace.decoder ?? []).map(\.outputToken)
        trace.snapshots = [
            Snapshot(iteration: 0, loss: 5, predicted: Array(repeating: "embedding", count: 40),
                     probability: Array(repeating: 0.1, count: 40), correct: Array(repeating: false, count: 40)),
            Snapshot(iteration: 299, loss: 0.3, predicted: answer, probability: answer.map { _ in 0.9 },
                     correct: answer.map { _ in true }),
        ]
        let figure = PredictionsFigure(trace: trace)
        let canvas = try Document.measuringCanvas()
        // Row 0 is the question (no target row), then one row per snapshot.
        let question = trace.steps.indices.map { figure.boxRect(canvas, row: 0, t: $0) }
        let long = (0..<40).map { figure.boxRect(canvas, row: 1, t: $0) }
        #expect(long.allSatisfy { $0.width > canvas.textWidth("embedding", size: 15, bold: true) })
        for boxes in [question, long] {
            for (a, b) in zip(boxes, boxes.dropFirst()) where a.minY == b.minY { #expect(a.maxX <= b.minX) }
        }
        #expect(Set(long.map(\.minY)).count > 1, "a long answer wraps onto several lines")
        let size = try figure.size(canvas)
        #expect(long.allSatisfy { $0.maxX <= size.width - Layout.margin })
        _ = try FigureRenderer.render(.predictions, trace: trace, format: .png, scale: 1)
    }

    @Test func stepFramesRenderForEveryStep() throws {
        let trace = SyntheticTraces.hello()
        for t in trace.steps.indices {
            let image = try PNGDecoder.decode(try FigureRenderer.renderStep(t: t, trace: trace, format: .png, scale: 1))
            #expect(image.width > 400 && image.height > 400)
        }
        #expect(throws: RenderError.self) { try FigureRenderer.renderStep(t: 99, trace: trace, format: .png) }
        let long = SyntheticTraces.long()
        _ = try FigureRenderer.renderStep(t: 150, trace: long, format: .png, scale: 1)
    }

    @Test func architectureDiagramsRender() throws {
        for kind in ArchitectureKind.allCases {
            for format in OutputFormat.allCases {
                #expect(try !ArchitectureDiagram.render(kind: kind, format: format, scale: 1).isEmpty)
            }
        }
    }
}
