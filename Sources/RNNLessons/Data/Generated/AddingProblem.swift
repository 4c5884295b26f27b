import Foundation
import RNNCore
import RNNTrace

/// The adding problem (Hochreiter & Schmidhuber 1997, experiment 4; the form of Le et al. 2015):
/// each step carries a value drawn from U(0, 1) and a marker; exactly two steps are marked, one in
/// each half of the sequence; the target is the sum of the two marked values.
///
/// The network must notice the first marked value, keep it through up to `length` steps of
/// noise, and add the second. Predicting the mean, 1, whatever the input, scores a mean squared
/// error of Var(U + U) = 2/12 = 1/6: a network below that has learnt something; below 0.01 it
/// solves the task.
struct AddingProblem: MemoryTask {
    /// One sequence: the values, the two marked steps and their sum.
    struct Example {
        /// The value at each step.
        var values: [Float]
        /// The marked steps: one in `0..<length/2`, one in `length/2..<length`.
        var marked: (first: Int, second: Int)
        /// `values[first] + values[second]`.
        var target: Float { values[marked.first] + values[marked.second] }
    }

    let length: Int
    var inputSize: Int { 2 }
    var outputSize: Int { 1 }
    var featureNames: [String] { ["value", "marker"] }
    var vocabulary: [String] { [] }
    var targetDescription: String { "the sum of the two marked values" }
    var keyStepLabel: String { "marked" }

    /// The score of predicting the mean, 1: Var(U(0,1) + U(0,1)) = 1/6.
    static let baselineMSE = 1.0 / 6

    var metric: HeadlineMetric {
        HeadlineMetric(
            name: "test_mse", label: "test MSE", lowerIsBetter: true, baseline: Self.baselineMSE,
            baselineLabel: "always answering 1, the mean", solvedAt: 0.01)
    }

    func draw(_ generator: inout SeededGenerator) -> Example {
        let values = (0..<length).map { _ in generator.nextUnitFloat() }
        let half = length / 2
        let first = generator.nextInt(below: half)
        let second = half + generator.nextInt(below: length - half)
        return Example(values: values, marked: (first, second))
    }

    func batch(_ examples: [Example]) -> SequenceBatch {
        let input = Tensor(shape: [length, examples.count, inputSize])
        for (b, example) in examples.enumerated() {
            for t in 0..<length {
                let row = input.pointer + (t * examples.count + b) * inputSize
                row[0] = example.values[t]
                row[1] = t == example.marked.first || t == example.marked.second ? 1 : 0
            }
        }
        return SequenceBatch(timeMajor: input, targets: examples.map(\.target))
    }

    func stepLabels(_ example: Example) -> [String] {
        example.values.enumerated().map { t, value in
            let text = String(format: "%.2f", value)
            return t == example.marked.first || t == example.marked.second ? "[\(text)]" : text
        }
    }

    func keySteps(_ example: Example) -> [Int] { [example.marked.first, example.marked.second] }

    func targetLabel(_ example: Example) -> String { String(format: "%.3f", example.target) }

    func stepTarget(_ example: Example) -> SequenceModel.StepTarget { .values([example.target]) }

    func outputLabel(_ output: [Float]) -> String { String(format: "%.3f", output[0]) }

    func isRight(_ output: [Float], _ example: Example) -> Bool? { nil }

    func score(_ outputs: [[Float]], _ examples: [Example]) -> [String: Double] {
        var squares = 0.0, baseline = 0.0
        for (output, example) in zip(outputs, examples) {
            let error = Double(output[0]) - Double(example.target)
            squares += error * error
            baseline += (1 - Double(example.target)) * (1 - Double(example.target))
        }
        let count = Double(max(examples.count, 1))
        return ["test_mse": squares / count, "baseline_mse": baseline / count]
    }
}
