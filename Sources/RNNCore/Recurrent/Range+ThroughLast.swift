extension Range where Bound == Int {
    /// The rows from the first of this range to the last for which `isLive` holds (empty when
    /// none does): the rows a step computes when every row after the last live one has ended.
    func throughLast(where isLive: (Int) -> Bool) -> Range<Int> {
        lowerBound..<(last(where: isLive).map { $0 + 1 } ?? lowerBound)
    }
}
