import RNNCore
import RNNTrace

/// Which examples each iteration trains on: all of them (the lecture's lessons), or mini-batches
/// taken in a seeded random order, a new order every pass.
struct BatchPlan {
    /// Without `train.batch`, lessons of up to this many examples train on all of them at every
    /// iteration (the lecture's lessons: at most 505).
    static let fullBatchLimit = 512
    /// Without `train.batch`, lessons of more examples train in mini-batches of this size.
    static let defaultSize = 64

    private let count: Int
    private let size: Int
    private var generator: SeededGenerator
    private var order: [Int] = []
    private var position = 0

    /// A plan over `count` examples; `size` nil or ≥ `count` means one full batch.
    init(count: Int, size: Int?, generator: SeededGenerator) {
        self.count = count
        self.size = min(size ?? count, count)
        self.generator = generator
    }

    /// Whether every iteration uses every example.
    var isFullBatch: Bool { size == count }

    /// The number of examples of every batch.
    var batchSize: Int { size }

    /// The next mini-batch's example indices.
    mutating func next() -> [Int] {
        if isFullBatch { return Array(0..<count) }
        if position + size > order.count {
            order = generator.permutation(count)
            position = 0
        }
        defer { position += size }
        return Array(order[position..<position + size])
    }
}

extension Lesson {
    /// The mini-batch size for `count` training examples: `train.batch`; without it none (every
    /// example in every batch) up to `BatchPlan.fullBatchLimit` examples, and
    /// `BatchPlan.defaultSize` beyond.
    func batchSize(examples count: Int) -> Int? {
        train.batch ?? (count > BatchPlan.fullBatchLimit ? BatchPlan.defaultSize : nil)
    }

    /// The lesson with its mini-batch size settled for `count` training examples
    /// (`batchSize(examples:)`), so that captions and metadata name a default size.
    func withBatchSize(examples count: Int) -> Lesson {
        var lesson = self
        lesson.train.batch = batchSize(examples: count)
        return lesson
    }
}
