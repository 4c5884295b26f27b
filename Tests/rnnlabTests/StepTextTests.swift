import Testing
@testable import rnnlab

/// The scriptable text of `rnnlab view --at T` and of piped output.
@Suite struct StepTextTests {
    @Test func oneStepHasEveryValueWithThreeDecimals() throws {
        let trace = TestTraces.hello()
        let text = StepText.render(trace, 3)
        #expect(text.hasPrefix("step t=3 input \"e\"\n"))
        #expect(!text.contains("\u{1B}"))
        let gate = try #require(text.split(separator: "\n").first { $0.contains("f forget gate") })
        let values = gate.split(separator: " ").suffix(5)
        #expect(values.count == 5)
        for (value, expected) in zip(values, trace.steps[3].layers[0].gates["f"]!) {
            #expect(value.split(separator: ".").last?.count == 3)
            #expect(abs(Float(value)! - expected) < 0.0006)
        }
        #expect(text.contains("top-5          o 0.7"))
        #expect(text.contains("prediction     o\n"))
        #expect(text.contains("target         l\n"))
        #expect(text.contains("result         wrong\n"))
    }

    @Test func everyStepOfEveryKindOfTrace() {
        let all = StepText.renderAll(TestTraces.gru2())
        #expect(all.components(separatedBy: "\nstep t=").count == 12)
        #expect(all.contains("h_t L0") && all.contains("h_t L1") && !all.contains(" L2"), "layers count from 0")
        let chat = StepText.renderAll(TestTraces.chatbot())
        #expect(chat.contains("encoder step t=4 input \"?\""))
        #expect(chat.contains("decoder step t=3 input \"fine\""))
        #expect(chat.contains("attention      how 0."))
        #expect(chat.contains("output         <eos>"))
        let stock = StepText.render(TestTraces.stock(), 6)
        #expect(stock.contains("prediction     0.531"))
        #expect(!stock.contains("result"))
    }
}
