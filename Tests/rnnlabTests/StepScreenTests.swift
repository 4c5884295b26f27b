import Testing
@testable import rnnlab
import RNNTrace

/// The step screen's content and its promise to fit the terminal.
@Suite struct StepScreenTests {
    private func screen(_ trace: LessonTrace, _ t: Int, reveal: RevealState = RevealState(),
                        width: Int = 120, height: Int = 40) -> String {
        StepScreen.lines(trace: trace, t: t, reveal: reveal, width: width, height: height).joined(separator: "\n")
    }

    @Test func showsTheStepGatesAndAWrongPrediction() {
        let text = screen(TestTraces.hello(), 3)
        #expect(text.contains("t = 3 of 0…5"))
        #expect(text.contains("reading “e”"))
        for label in ["x_t", "h_{t-1}", "i input gate", "f forget gate", "g candidate", "o output gate", "c_t", "h_t"] {
            #expect(text.contains(label), "missing \(label)")
        }
        #expect(text.contains("prediction o"))
        #expect(text.contains("target l"))
        #expect(text.contains("✗ wrong"))
        #expect(text.contains("one-hot “e”"))
    }

    @Test func marksARightPrediction() {
        let text = screen(TestTraces.hello(), 0)
        #expect(text.contains("prediction i"))
        #expect(text.contains("✓ right"))
    }

    @Test func listsTheTopFiveTokensMostLikelyFirst() throws {
        let trace = TestTraces.hello()
        let lines = StepScreen.lines(trace: trace, t: 3, width: 120, height: 40)
        let p = try #require(trace.steps[3].probabilities)
        let expected = TraceDisplay.topTokens(p, vocabulary: trace.vocabulary)
        #expect(expected.count == 5)
        let heading = try #require(lines.firstIndex { $0.contains("next token") })
        // The five lines below the heading hold the tokens in order: token, bar, probability.
        for (line, entry) in zip(lines[(heading + 1)...(heading + 5)], expected) {
            let bar = try Regex(" \(entry.token) [█▉▊▋▌▍▎▏ ]+ \(TraceDisplay.short(entry.p))")
            #expect(line.contains(bar), "\(line) lacks \(entry.token)")
        }
        #expect(lines.contains { $0.contains("l") && $0.contains("← target") })
    }

    @Test func revealModeHidesThePredictionUntilRevealed() throws {
        var reveal = RevealState()
        reveal.toggle()
        let hidden = screen(TestTraces.hello(), 3, reveal: reveal)
        #expect(!hidden.contains("prediction o"))
        #expect(!hidden.contains("✗ wrong"))
        #expect(!hidden.contains(try Regex(" o [█▉▊▋▌▍▎▏ ]+ 0.70")))
        #expect(hidden.contains("press r to reveal"))
        #expect(hidden.contains("predicted   i  h  e  [?]") || hidden.contains("[?]"))
        reveal.toggle()
        let shown = screen(TestTraces.hello(), 3, reveal: reveal)
        #expect(shown.contains("prediction o"))
        #expect(shown.contains(try Regex(" o [█▉▊▋▌▍▎▏ ]+ 0.70")))
    }

    /// Tokens stand over x_t only; the states and gates stand under unit numbers, so that no
    /// student reads unit 0 as "the h unit".
    @Test func labelsVectorsByWhatIndexesThem() throws {
        let lines = StepScreen.lines(trace: TestTraces.hello(), t: 3, width: 120, height: 40)
        let x = try #require(lines.firstIndex { $0.hasPrefix("x_t ") })
        // (The probability bars stand to the right, after the vectors' columns.)
        #expect(Array(lines[x - 1].split(separator: " ").prefix(6)) == ["token"] + TestTraces.hello().vocabulary.map { Substring($0) })
        let h = try #require(lines.firstIndex { $0.hasPrefix("h_{t-1} ") })
        #expect(Array(lines[h - 1].split(separator: " ").prefix(6)) == ["unit", "0", "1", "2", "3", "4"])
        let vocabularyHeadings = lines.filter { $0.hasPrefix("token ") }
        #expect(vocabularyHeadings.count == 1, "the tokens head x_t alone")

        let stock = StepScreen.lines(trace: TestTraces.stock(), t: 2, width: 120, height: 40)
        let features = try #require(stock.firstIndex { $0.hasPrefix("x_t ") })
        #expect(stock[features - 1].hasPrefix("feature ") && stock[features - 1].contains("Volume"))
        let state = try #require(stock.firstIndex { $0.hasPrefix("h_{t-1} ") })
        #expect(stock[state - 1].hasPrefix("unit ") && !stock[state - 1].contains("Open"))

        let chat = StepScreen.lines(trace: TestTraces.chatbot(), t: 6, width: 140, height: 40)
        let attention = try #require(chat.firstIndex { $0.hasPrefix("attention ") })
        #expect(chat[attention - 1].hasPrefix("word ") && chat[attention - 1].contains("today"))
        let previous = try #require(chat.firstIndex { $0.hasPrefix("s_{t-1} ") })
        #expect(Array(chat[previous - 1].split(separator: " ").prefix(3)) == ["unit", "0", "1"])
    }

    @Test func showsEveryLayerOfAStackedGRU() {
        let text = screen(TestTraces.gru2(), 5)
        for label in ["h_{t-1} L0", "r reset gate L0", "z update gate L0", "n candidate L0", "h_t L0", "h_t L1"] {
            #expect(text.contains(label), "missing \(label)")
        }
        #expect(text.contains("reading “␣”"))
        #expect(!text.contains("c_t"))
    }

    @Test func regressionShowsTheFeatureWindowAndTheFinalPrediction() {
        let trace = TestTraces.stock()
        let early = screen(trace, 2)
        for name in ["Open", "High", "Low", "Volume", "Close"] { #expect(early.contains(name)) }
        #expect(early.contains("day 3"))
        #expect(early.contains("after the last day (t = 6)"))
        let last = screen(trace, 6)
        #expect(last.contains("predicted Close 0.531"))
        #expect(last.contains("actual 0.547"))
        #expect(last.contains("RMSE $9.87"))
    }

    @Test func seq2seqStepsThroughEncoderThenDecoderWithAttention() {
        let trace = TestTraces.chatbot()
        let encoder = screen(trace, 1)
        #expect(encoder.contains("encoder t = 1 of 0…4"))
        #expect(encoder.contains("answer starts at position 5"))
        let decoder = screen(trace, 6)
        #expect(decoder.contains("decoder t = 1 of 0…3"))
        #expect(decoder.contains("fed “i” → output am"))
        #expect(decoder.contains("attention"))
        for word in ["how", "are", "you", "today"] { #expect(decoder.contains(word)) }
        #expect(decoder.contains("next word"))
        var reveal = RevealState()
        reveal.toggle()
        #expect(!screen(trace, 6, reveal: reveal).contains("output am"))
    }

    @Test(arguments: [(60, 20), (72, 22), (80, 24), (100, 30), (120, 40), (200, 60)])
    func neverWiderOrTallerThanTheTerminal(size: (Int, Int)) {
        let (width, height) = size
        for (name, trace) in TestTraces.all {
            for t in 0..<StepPosition.count(trace) {
                for on in [false, true] {
                    let reveal = RevealState(isOn: on, isRevealed: false)
                    let lines = StepScreen(trace: trace, position: t, reveal: reveal, width: width, height: height,
                                           colorMode: .truecolor, status: "saved somewhere rather long " + String(repeating: "x", count: 200)).lines()
                    #expect(lines.count == height, "\(name) t=\(t): \(lines.count) lines")
                    for line in lines {
                        #expect(DisplayWidth.of(line) <= width, "\(name) t=\(t) \(width)×\(height): \(DisplayWidth.stripEscapes(line))")
                        #expect(!line.contains("\n"))
                    }
                }
            }
        }
    }

    @Test func longInputsAreWindowedAroundTheCurrentStep() throws {
        let text = screen(TestTraces.long(), 60, width: 80, height: 30)
        #expect(text.contains(try Regex("\\[ *60 *\\]")))
        #expect(text.contains("… "))
        #expect(!text.contains(" 0  1  2 "))
    }

    @Test func asksForALargerTerminalBelowTheMinimum() {
        let lines = StepScreen.lines(trace: TestTraces.hello(), t: 0, width: 59, height: 20)
        #expect(lines.joined().contains("Enlarge it to at least 60×20"))
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 59 })
        #expect(StepScreen.lines(trace: TestTraces.hello(), t: 0, width: 80, height: 19).joined().contains("Enlarge"))
    }

    @Test func colourIsOffWithNoColor() {
        #expect(ColorMode.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"]) == .monochrome)
        #expect(ColorMode.detect(environment: ["COLORTERM": "truecolor"]) == .truecolor)
        #expect(ColorMode.detect(environment: ["TERM": "xterm-256color"]) == .palette256)
        let plain = StepScreen.lines(trace: TestTraces.hello(), t: 2, width: 120, height: 40, colorMode: .none).joined()
        #expect(!plain.contains("38;") && !plain.contains("48;"))
        let coloured = StepScreen.lines(trace: TestTraces.hello(), t: 2, width: 120, height: 40, colorMode: .truecolor).joined()
        #expect(coloured.contains("\u{1B}[") && coloured.contains("48;2;"))
    }

    @Test func measuresWideCharactersAndEscapes() {
        #expect(DisplayWidth.of("안녕") == 4)
        #expect(DisplayWidth.of("\u{1B}[1;38;2;1;2;3mab\u{1B}[0m") == 2)
        #expect(StyledLine("안녕하세요").truncated(to: 5).width <= 5)
    }
}
