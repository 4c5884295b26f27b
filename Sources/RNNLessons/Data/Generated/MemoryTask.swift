import RNNCore
import RNNTrace

/// A generated many-to-one task: sequences drawn from a seeded generator, each with one target
/// read at its last step — a task that can only be solved by remembering what came long before.
protocol MemoryTask {
    /// One generated sequence with its target.
    associatedtype Example

    /// The number of steps of every sequence.
    var length: Int { get }
    /// The width of each input vector.
    var inputSize: Int { get }
    /// The width of the output: 1 for a value, the number of classes for a class.
    var outputSize: Int { get }
    /// The names of the input features (empty for one-hot tokens).
    var featureNames: [String] { get }
    /// The input tokens in index order (empty for features).
    var vocabulary: [String] { get }
    /// The number the lesson is judged by, with its baseline and the level that counts as solved.
    var metric: HeadlineMetric { get }
    /// The target's description for titles and summaries ("the sum of the two marked values").
    var targetDescription: String { get }
    /// What the steps the target depends on hold ("marked value").
    var keyStepLabel: String { get }

    /// Draws one sequence.
    func draw(_ generator: inout SeededGenerator) -> Example
    /// `examples` as one batch the engine reads.
    func batch(_ examples: [Example]) -> SequenceBatch
    /// A label for each step of `example` ("0.42", "[0.71]" when marked; "C").
    func stepLabels(_ example: Example) -> [String]
    /// The steps of `example` whose input the target depends on.
    func keySteps(_ example: Example) -> [Int]
    /// The target of `example`, as a label.
    func targetLabel(_ example: Example) -> String
    /// The target of `example` for the loss of its last step.
    func stepTarget(_ example: Example) -> SequenceModel.StepTarget
    /// The model's output for one sequence (`outputSize` values), as a label.
    func outputLabel(_ output: [Float]) -> String
    /// Whether the output is right (classes), `nil` for values.
    func isRight(_ output: [Float], _ example: Example) -> Bool?
    /// The test metrics from the outputs of every test sequence, `[example][outputSize]`:
    /// at least `metric.name`, and what a model that learnt nothing scores on the same sequences.
    func score(_ outputs: [[Float]], _ examples: [Example]) -> [String: Double]
}

extension MemoryTask {
    /// `count` sequences drawn in order.
    func draw(_ count: Int, _ generator: inout SeededGenerator) -> [Example] {
        (0..<count).map { _ in draw(&generator) }
    }

    /// The outputs of `model` for `examples`, `[example][outputSize]`, in batches of at most
    /// `batchSize` sequences (so a large test set needs no more memory than a batch).
    func outputs(of model: SequenceModel, on examples: [Example], batchSize: Int = 500) -> [[Float]] {
        var outputs: [[Float]] = []
        outputs.reserveCapacity(examples.count)
        var start = 0
        while start < examples.count {
            let part = Array(examples[start..<min(start + batchSize, examples.count)])
            let batch = batch(part)
            let output = model.forward(batch.input.pointer, steps: batch.steps, batch: batch.batch, hotIndices: batch.hotIndices)
            for row in 0..<part.count {
                outputs.append(Array(UnsafeBufferPointer(start: output + row * outputSize, count: outputSize)))
            }
            start += part.count
        }
        return outputs
    }
}
