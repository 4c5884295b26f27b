import RNNCore
import RNNTrace

/// Remember the first symbol: a letter (one of `symbols`), then `length − 1` distractor digits;
/// at the last step the network names the letter.
///
/// The letter is seen once, at step 0, and must be kept through every later step while the
/// digits change the state; the gradient that would teach this must travel back `length − 1`
/// steps. Guessing is right one time in `symbols`.
struct RememberTask: MemoryTask {
    /// One sequence: the token indices (a letter, then digits) and the letter to name.
    struct Example {
        /// Indices into `vocabulary`: the letter first, then distractors.
        var tokens: [Int]
        /// The letter's class, `tokens[0]`.
        var target: Int { tokens[0] }
    }

    let length: Int
    let symbols: Int
    /// The distractors, after the letters in the vocabulary.
    static let distractors = ["1", "2", "3", "4", "5", "6", "7", "8"]

    var letters: [String] { (0..<symbols).map { String(UnicodeScalar(UInt8(ascii: "A") + UInt8($0))) } }
    var vocabulary: [String] { letters + Self.distractors }
    var inputSize: Int { symbols + Self.distractors.count }
    var outputSize: Int { symbols }
    var featureNames: [String] { [] }
    var targetDescription: String { "the first letter" }
    var keyStepLabel: String { "the letter" }

    var metric: HeadlineMetric {
        HeadlineMetric(
            name: "test_accuracy", label: "test accuracy", lowerIsBetter: false, baseline: 1 / Double(symbols),
            baselineLabel: "a guess: 1 in \(symbols)", solvedAt: 0.95)
    }

    func draw(_ generator: inout SeededGenerator) -> Example {
        let letter = generator.nextInt(below: symbols)
        let digits = (1..<length).map { _ in symbols + generator.nextInt(below: Self.distractors.count) }
        return Example(tokens: [letter] + digits)
    }

    func batch(_ examples: [Example]) -> SequenceBatch {
        SequenceBatch(oneHot: examples.map(\.tokens), inputClasses: inputSize, sequenceTargets: examples.map(\.target))
    }

    func stepLabels(_ example: Example) -> [String] { example.tokens.map { vocabulary[$0] } }

    func keySteps(_ example: Example) -> [Int] { [0] }

    func targetLabel(_ example: Example) -> String { letters[example.target] }

    func stepTarget(_ example: Example) -> SequenceModel.StepTarget { .classIndex(example.target) }

    func outputLabel(_ output: [Float]) -> String { letters[output.indexOfLargest] }

    func isRight(_ output: [Float], _ example: Example) -> Bool? { output.indexOfLargest == example.target }

    func score(_ outputs: [[Float]], _ examples: [Example]) -> [String: Double] {
        let hits = zip(outputs, examples).filter { $0.0.indexOfLargest == $0.1.target }.count
        return ["test_accuracy": Double(hits) / Double(max(examples.count, 1)), "baseline_accuracy": 1 / Double(symbols)]
    }
}
