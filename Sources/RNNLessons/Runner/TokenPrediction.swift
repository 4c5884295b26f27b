import RNNCore

/// The most likely token at each step of a pass, with its probability.
struct TokenPrediction {
    /// The chosen token indices.
    let indices: [Int]
    /// The probability of each chosen token.
    let probabilities: [Float]
    /// softmax of every step, `[t][classes]`.
    let distributions: [[Float]]

    /// Reads `rows` rows of `classes` logits.
    init(logits: UnsafePointer<Float>, rows: Int, classes: Int) {
        let probabilities = Self.softmax(logits: logits, rows: rows, classes: classes)
        distributions = (0..<rows).map { Array(probabilities[$0 * classes..<($0 + 1) * classes]) }
        indices = distributions.map(\.indexOfLargest)
        self.probabilities = zip(distributions, indices).map { $0[$1] }
    }

    /// Runs `model` on a one-hot `input` of `steps` steps (batch 1) and reads its prediction.
    init(model: SequenceModel, input: Tensor, steps: Int) {
        let logits = model.forward(input.pointer, steps: steps, batch: 1)
        self.init(logits: logits, rows: steps, classes: model.shape.outputSize)
    }

    /// The most likely token of each of `rows` rows of `classes` logits, as `init` chooses it
    /// (the first of equally likely ones), without keeping the distributions.
    static func indices(logits: UnsafePointer<Float>, rows: Int, classes: Int) -> [Int] {
        let probabilities = softmax(logits: logits, rows: rows, classes: classes)
        return (0..<rows).map { Array(probabilities[$0 * classes..<($0 + 1) * classes]).indexOfLargest }
    }

    private static func softmax(logits: UnsafePointer<Float>, rows: Int, classes: Int) -> [Float] {
        var probabilities = [Float](repeating: 0, count: rows * classes)
        probabilities.withUnsafeMutableBufferPointer {
            CrossEntropy.softmax(logits: logits, rows: rows, classes: classes, into: $0.baseAddress!)
        }
        return probabilities
    }
}
