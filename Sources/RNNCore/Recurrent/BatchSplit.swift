/// Shares a layer's step-by-step recurrence between two threads by halves of the batch.
///
/// Sequences of a batch never interact inside a recurrent layer, so each thread can run all
/// time steps for its own rows: every value is computed exactly as on one thread, by the same
/// operations in the same order. The split depends only on the sizes, never on the machine.
enum BatchSplit {
    /// Multiply-adds of one step's recurrent product from which the batch is split.
    static let minimumWork = 1 << 15

    /// Values of `W_hh` from which a layer steps its whole batch at once instead
    /// (`RecurrentLayer.stepsWholeBatch`): its step products are then split by columns, so
    /// each thread reads half of `W_hh` at every step, which stays in its core's cache, where
    /// by halves of the batch each reads all of it (4 MB for an LSTM of H = 512). Measured on
    /// one thread: a 64 × 512 × 1024 product at 104–110 GFLOP/s, a 32 × 512 × 2048 one at 56–76.
    static let wholeBatchWeights = 1 << 19

    /// Whether a layer with these sizes steps its whole batch at once.
    static func stepsWholeBatch(hiddenSize: Int, gateWidth: Int) -> Bool {
        hiddenSize * gateWidth >= wholeBatchWeights
    }

    /// The row ranges to run side by side: the whole batch, or its two halves.
    static func ranges(batch: Int, hiddenSize: Int, gateWidth: Int) -> [Range<Int>] {
        guard batch >= 8, batch * hiddenSize * gateWidth >= minimumWork else { return [0..<batch] }
        return [0..<batch / 2, batch / 2..<batch]
    }

    /// Runs `body(part, rows)` for every range, at the same time when there are two.
    static func run(_ ranges: [Range<Int>], _ body: (Int, Range<Int>) -> Void) {
        run(parts: ranges.count) { body($0, ranges[$0]) }
    }

    /// Runs `body(part)` for every part in `0..<parts`, two at the same time (`TwoThreads`).
    /// The parts must not write the same memory.
    static func run(parts: Int, _ body: (Int) -> Void) {
        guard parts == 2 else {
            for part in 0..<parts { body(part) }
            return
        }
        TwoThreads.run(body)
    }

    /// Runs `body(slice)` for every slice of the elements of pieces of `counts` elements (such
    /// as parameters), cut into two runs of about half of the elements each, side by side, when
    /// there are many (`ElementSlice.parts`).
    static func forEachSlice(counts: [Int], _ body: (ElementSlice) -> Void) {
        let parts = ElementSlice.parts(counts: counts)
        run(parts: parts.count) { part in
            for slice in parts[part] { body(slice) }
        }
    }

    /// Runs `body(index)` for every index of `counts` (the sizes of pieces of work, such as
    /// parameters), the indices cut into two runs of about half of the total count each, side
    /// by side, when the total is large (`ElementSlice.minimumSplit`). A piece cut in two by the
    /// half-way point goes whole to the first run.
    static func forEachPart(counts: [Int], _ body: (Int) -> Void) {
        let parts = ElementSlice.parts(counts: counts)
        let ends = parts.dropLast().map { ($0.last?.parameter ?? -1) + 1 } + [counts.count]
        run(parts: ends.count) { part in
            for index in (part == 0 ? 0 : ends[part - 1])..<ends[part] { body(index) }
        }
    }
}
