import RNNCore

/// Which examples each iteration trains on: all of them (the lessons' default), or mini-batches
/// taken in a seeded random order, a new order every pass.
struct BatchPlan {
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
