extension Array where Element == Float {
    /// The index of the largest value, the first of equals: the class a model chooses from its
    /// scores or probabilities.
    var indexOfLargest: Int {
        indices.max { self[$0] < self[$1] || (self[$0] == self[$1] && $0 > $1) } ?? 0
    }
}
