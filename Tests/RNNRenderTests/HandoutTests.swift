import Foundation
import Testing
@testable import RNNRender

/// `rnnlab handout`'s PDF: its pages, and captions computed from the numbers.
@Suite struct HandoutTests {
    /// The number of pages in a PDF, counted from its page objects (`/Type /Page`, not `/Pages`).
    static func pages(_ pdf: [UInt8]) -> Int {
        let text = String(decoding: pdf, as: UTF8.self)
        return text.components(separatedBy: "/Type /Page").dropFirst().filter { !$0.hasPrefix("s") }.count
    }

    @Test func aHandoutHasATitlePageThenEachLessonsPages() throws {
        let sections = [HandoutSection(trace: SyntheticTraces.hello()), HandoutSection(trace: SyntheticTraces.seq2seq()),
                        HandoutSection(trace: SyntheticTraces.regression())]
        let pdf = try Handout.render(sections, title: "Test", page: .a4)
        // Per lesson: its page, the page to predict on, the answer, then every other figure.
        let expected = 1 + sections.map { 3 + FigureRenderer.availableFigures(for: $0.trace!).count - 1 }.reduce(0, +)
        #expect(Handout.pageCount(sections) == expected)
        #expect(Self.pages(pdf) == expected)
        #expect(try Handout.render(sections, title: "Test", page: .a4) == pdf, "the same lessons give the same bytes")
        #expect(Self.pages(try Handout.render(sections, title: "Test", page: .widescreen)) == expected)
    }

    @Test func captionsSayWhatToSeeFromTheNumbers() {
        let hello = SyntheticTraces.hello()
        let predictions = FigureCaption.lines(.predictions, hello).0
        #expect(predictions.contains("right from iteration \(hello.training.firstCorrectIteration!)"))
        let loss = FigureCaption.lines(.loss, hello).0
        #expect(loss.contains(Ticks.format(hello.training.loss.first!, decimals: 4))
                && loss.contains(Ticks.format(hello.training.loss.last!, decimals: 4)))
        // A unit made to follow the position is found, with its r.
        var trace = hello
        for t in trace.steps.indices { trace.steps[t].layers[0].h[3] = Float(t) / 10 - 0.2 }
        #expect(FigureCaption.lines(.hidden, trace).0.contains("unit 3 follows the position in the input, r = 1.00"))
        let regression = SyntheticTraces.regression()
        #expect(FigureCaption.lines(.forecast, regression).0.contains("$9.87") && FigureCaption.lines(.forecast, regression).0.contains("worse"))
        let story = LessonStory(trace: hello)
        #expect(story.question.contains("“hihell”") && story.question.contains("“ihello”"))
        #expect(story.revealFigure == .predictions)
    }

    @Test func theCellHuntersFiguresJoinTheLessonWithCaptionsFromItsNumbers() throws {
        let portrait = CellFigureTests.portrait()
        let found = CellHuntRecord.Finding(
            unit: portrait.unit, probe: portrait.probe, probeMeaning: portrait.probeMeaning, r: portrait.r, values: portrait.values,
            probeValues: portrait.probeValues,
            causal: "zeroing unit 7 (h and c): loss on line breaks 0.148 → 5.068 (448), on the others 1.625 → 1.627 (19551): 3221.8× the rise on the others")
        var weak = found
        (weak.probe, weak.r, weak.causal) = ("vowel", 0.12, nil)
        let record = CellHuntRecord(subtitle: portrait.subtitle, characters: portrait.characters, findings: [found, weak])
        #expect(record.portraits.map(\.probe) == ["position", "vowel"])
        let sections = [HandoutSection(trace: SyntheticTraces.hello(), cells: record)]
        let plain = Handout.pageCount([HandoutSection(trace: SyntheticTraces.hello())])
        #expect(Handout.pageCount(sections) == plain + 4, "a text page and a scatter page per probe")
        #expect(Self.pages(try Handout.render(sections, title: "Test", page: .a4)) == plain + 4)

        let strong = CellCaption.lines(record.portraits[0], causal: found.causal)
        #expect(strong.text.0 == "c[7] follows the position probe (characters since the line break), r = 0.97.")
        #expect(strong.text.1 == "Zeroed: unit 7 (h and c): loss on line breaks 0.148 → 5.068, on the others 1.625 → 1.627: 3221.8× the rise on the others.")
        let none = CellCaption.lines(record.portraits[1], causal: nil)
        #expect(none.text.0 == "No unit follows the vowel probe closely: the best, c[7], has r = 0.12.")
        #expect(none.text.1.contains("not measured"))
    }
}
