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
        indices = Self.choices(probabilities, rows: rows, classes: classes)
        self.probabilities = zip(indices.indices, indices).map { probabilities[$0 * classes + $1] }
    }

    /// Runs `model` on a one-hot `input` of `steps` steps (batch 1) and reads its prediction.
    init(model: SequenceModel, input: Tensor, steps: Int) {
        let logits = model.forward(input.pointer, steps: steps, batch: 1)
        self.init(logits: logits, rows: steps, classes: model.shape.outputSize)
    }

    /// The most likely token of each of `rows` rows of `classes` logits, as `init` chooses it
    /// (the first of equally likely ones), without keeping the distributions.
    static func indices(logits: UnsafePointer<Float>, rows: Int, classes: Int) -> [Int] {
        choices(softmax(logits: logits, rows: rows, classes: classes), rows: rows, classes: classes)
    }

    private static func softmax(logits: UnsafePointer<Float>, rows: Int, classes: Int) -> [Float] {
        var probabilities = [Float](repeating: 0, count: rows * classes)
        probabilities.withUnsafeMutableBufferPointer {
            CrossEntropy.softmax(logits: logits, rows: rows, classes: classes, into: $0.baseAddress!)
        }
        return probabilities
    }

    /// The index of each row's largest probability, the first of equal ones.
    private static func choices(_ probabilities: [Float], rows: Int, classes: Int) -> [Int] {
        (0..<rows).map { row in
            let start = row * classes
            var best = 0
            for c in 1..<max(classes, 1) where probabilities[start + c] > probabilities[start + best] { best = c }
            return best
        }
    }
}
