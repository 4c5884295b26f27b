/// How a layer shares its work between the two threads (`BatchSplit`): by halves of the batch, or
/// the whole batch at once with its products split by columns (`stepsWholeBatch`).
extension RecurrentLayer {
    /// `rows` in the parts whose element-wise work runs side by side: two halves when the layer
    /// steps its whole batch at once (its products are then shared between the threads by
    /// columns), else `rows` whole.
    func cellParts(_ rows: Range<Int>) -> [Range<Int>] {
        guard stepsWholeBatch, rows.count >= 2 else { return [rows] }
        let middle = rows.lowerBound + rows.count / 2
        return [rows.lowerBound..<middle, middle..<rows.upperBound]
    }

    /// The parts of a batch of `batch` sequences whose steps run side by side: its halves, or
    /// the whole batch when the layer steps it at once (`stepsWholeBatch`).
    func stepParts(batch: Int) -> [Range<Int>] {
        stepsWholeBatch ? [0..<batch] : BatchSplit.ranges(batch: batch, hiddenSize: hiddenSize, gateWidth: gateWidth)
    }
}
