import Foundation
import Testing

@testable import RNNLessons

/// The why-attention experiment at a reduced size (reversing strings of 3–12 letters over 8,
/// hidden 64; the full experiment is `rnnlab compare why-attention`): the shape of Bahdanau et
/// al.'s Fig. 2. Runs in release (`make test`'s second part): about 10 s.
@Suite("Why attention: encoder–decoders as the input grows")
struct WhyAttentionLearningTests {
    static let lesson = """
        name: small-attention
        title: "Reversing strings with and without attention (reduced)"
        source: test
        task: seq2seq
        data: { generate: reverse, symbols: 8, length: [3, 12], test_examples: 50 }
        model: { cell: gru, hidden: 64, embedding: 16, attention: bahdanau }
        train: { learning_rate: 0.002, iterations: 800, batch: 32, clip: 5, seed: 777 }
        compare: { vary: ["attention=none,bahdanau"] }
        """

    @Test("with attention the longest strings are reversed exactly, without it hardly any; both get short ones right")
    func shape() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let comparison = try Comparison(base: LessonFile(contentsOf: LessonTestSupport.write(Self.lesson, named: "small.yaml", in: folder)))
        let trace = comparison.trace(try comparison.variants.indices.map { try comparison.run($0) })
        func score(_ attention: String, _ name: String) throws -> Double {
            try #require(trace.runs.first { $0.settings == [attention] }?.result[name], "\(attention) \(name)")
        }
        #expect(try score("bahdanau", "exact_match_length_12") >= 0.8)
        #expect(try score("none", "exact_match_length_12") <= 0.3)
        for attention in ["none", "bahdanau"] { #expect(try score(attention, "exact_match_length_5") >= 0.95, "\(attention) at 5") }
        // Beam search never answers fewer strings exactly than greedy decoding, at any length.
        for length in 3...17 {
            let greedy = try score("bahdanau", "exact_match_length_\(length)"), beam = try score("bahdanau", "beam_exact_match_length_\(length)")
            #expect(beam >= greedy, "length \(length): beam \(beam) < greedy \(greedy)")
        }
        // The attention of the longest trained string follows the anti-diagonal: writing letter
        // i, the decoder looks most at input letter 11 − i, or its neighbour (a small model may
        // look one letter ahead and carry the letter one step in its state).
        let example = try #require(trace.runs.first { $0.settings == ["bahdanau"] }?.examples?.first { $0.source.count == 12 })
        let attention = try #require(example.attention)
        let peaks = (0..<12).map { i in attention[i].indices.max { attention[i][$0] < attention[i][$1] }! }
        #expect(peaks.indices.allSatisfy { abs(peaks[$0] - (11 - $0)) <= 1 }, "peaks \(peaks)")
    }
}
