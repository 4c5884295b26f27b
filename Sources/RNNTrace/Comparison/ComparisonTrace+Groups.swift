extension ComparisonTrace {
    /// The runs of one variant (one combination of values), every seed.
    public struct Group: Sendable {
        /// The values, in the order of `keys`.
        public var settings: [String]
        /// Its runs, one per seed.
        public var runs: [ComparisonRun]

        /// The values of `name` in the runs' results.
        public func values(_ name: String) -> [Double] { runs.compactMap { $0.result[name] } }
    }

    /// The variants in order, each with its runs.
    public var groups: [Group] {
        var groups: [Group] = []
        for run in runs {
            if let index = groups.firstIndex(where: { $0.settings == run.settings }) {
                groups[index].runs.append(run)
            } else {
                groups.append(Group(settings: run.settings, runs: [run]))
            }
        }
        return groups
    }

    /// "cell=rnn length=10", the label references use.
    public func label(_ settings: [String]) -> String {
        zip(keys, settings).map { "\($0)=\($1)" }.joined(separator: " ")
    }

    /// The index of the key drawn along x in a sweep: the first key with several values that
    /// are all numbers, if there is one.
    public var sweepKey: Int? {
        values.indices.first { index in values[index].count > 1 && values[index].allSatisfy { Double($0) != nil } }
    }
}
