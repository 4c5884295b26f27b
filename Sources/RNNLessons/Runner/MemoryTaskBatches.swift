import RNNCore
import RNNTrace

/// The training sequences of a generated lesson, batch by batch: fresh ones drawn from the
/// lesson's data stream every iteration, or mini-batches of a fixed set (`data.examples`) drawn
/// once, in a seeded order.
struct MemoryTaskBatches<T: MemoryTask> {
    /// The task.
    let task: T
    /// The fixed training set, when the lesson has one.
    let fixed: [T.Example]?
    /// The number of sequences of a batch.
    let size: Int
    private var plan: BatchPlan?
    private var generator: SeededGenerator

    /// The batches of `lesson`: its fixed set and fresh sequences come from `data`, the fixed
    /// set's batch order from `order`.
    init(task: T, lesson: Lesson, data: SeededGenerator, order: SeededGenerator) {
        var generator = data
        let fixed = lesson.data.examples.map { task.draw($0, &generator) }
        let size = lesson.train.batch ?? MemoryTaskRunner.defaultBatch
        self.task = task
        self.generator = generator
        self.fixed = fixed
        self.size = size
        plan = fixed.map { BatchPlan(count: $0.count, size: size, generator: order) }
    }

    /// Whether every iteration trains on the whole fixed set.
    var isWholeSet: Bool { plan?.isFullBatch == true }

    /// The sequences of the next training batch.
    mutating func next() -> [T.Example] {
        guard let fixed, var current = plan else { return task.draw(size, &generator) }
        defer { plan = current }
        return current.next().map { fixed[$0] }
    }

    /// The sequences the trained network's final loss is measured on: the whole fixed set, or
    /// the next fresh batch, as the iterations before it were measured.
    mutating func finalExamples() -> [T.Example] {
        fixed ?? task.draw(size, &generator)
    }
}
