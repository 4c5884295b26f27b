import Foundation
import RNNCore
import RNNLessons
import Testing

/// Beam search on the trained chatbot: a wider beam looks at more answers, so it must never
/// answer the training questions worse than greedy decoding; and answers read as written.
@Suite("Beam search on the trained chatbot")
struct BeamSearchLearningTests {
    @Test(
        "every beam width answers at least as many training questions exactly as greedy",
        .enabled(if: LessonTestSupport.runSlowLessons, "trains the chatbot: about a minute in a debug build; set RNNLAB_SLOW_TESTS=1"))
    func beamsAnswerAsWellAsGreedy() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try LessonTestSupport.lesson("chatbot")
        let model = try LessonModelStore(outputFolder: folder).model(for: file)
        let pairs = try DialogFile.pairs(contentsOf: file.resolve(try #require(file.lesson.data.dialogs)), layout: .tabSeparated)
        let tokenizer = WordTokenizer()

        /// The training questions answered exactly with `width` hypotheses, and the first few missed.
        func answered(width: Int) throws -> (count: Int, missed: [String]) {
            var count = 0, missed: [String] = []
            for pair in pairs {
                let decoder = try #require(try model.trace(.text(pair.question), beam: width).trace.decoder)
                let words = decoder.map(\.outputToken).filter { $0 != Vocabulary.eos }
                if words == tokenizer.tokenize(pair.answer) {
                    count += 1
                } else if missed.count < 3 {
                    missed.append("\(pair.question) → \(words.joined(separator: " "))")
                }
            }
            return (count, missed)
        }

        let greedy = try answered(width: 1)
        // Answers are written as the dialogs write them ("tanh(w_hh", "-1"), not with the general spacing rules.
        for pair in pairs where pair.answer.contains("tanh(") || pair.answer.contains(" -1") {
            #expect(try model.trace(.text(pair.question)).answer == pair.answer.lowercased())
        }
        #expect(greedy.count == pairs.count, "greedy missed \(greedy.missed)")
        for width in [2, 3, 5] {
            let beam = try answered(width: width)
            #expect(beam.count >= greedy.count, "beam \(width) answered \(beam.count) of \(pairs.count), greedy \(greedy.count): \(beam.missed)")
        }
    }
}
