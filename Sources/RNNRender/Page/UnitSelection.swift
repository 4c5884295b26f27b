/// Which units of a layer a figure shows: all of them when they fit, otherwise the ones whose
/// values vary most over time — a large layer summarised rather than drawn as a smear.
struct UnitSelection: Equatable {
    /// The units shown, in index order.
    let units: [Int]
    /// The layer's width.
    let total: Int

    /// Whether some units are left out.
    var isSummary: Bool { units.count < total }

    /// "24 of 128 units, by variance", or `nil` when every unit is shown.
    var note: String? { isSummary ? "\(units.count) of \(total) units, by variance" : nil }

    /// Every one of `total` units.
    static func all(_ total: Int) -> UnitSelection { UnitSelection(units: Array(0..<total), total: total) }

    /// At most `limit` of the rows of `values` (units × time): all when they fit, else those of
    /// largest variance over time (the lower unit first on ties), kept in index order.
    static func byVariance(_ values: [[Double]], limit: Int) -> UnitSelection {
        let limit = max(limit, 1)
        guard values.count > limit else { return .all(values.count) }
        let variances = values.map(Self.variance)
        let chosen = values.indices.sorted { variances[$0] != variances[$1] ? variances[$0] > variances[$1] : $0 < $1 }
        return UnitSelection(units: chosen.prefix(limit).sorted(), total: values.count)
    }

    /// The rows of `values` this selection shows.
    func rows<Row>(_ values: [Row]) -> [Row] { units.compactMap { values.indices.contains($0) ? values[$0] : nil } }

    /// The variance of the finite values of `row` (0 without any).
    static func variance(_ row: [Double]) -> Double {
        let finite = row.filter(\.isFinite)
        guard !finite.isEmpty else { return 0 }
        let mean = finite.reduce(0, +) / Double(finite.count)
        return finite.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(finite.count)
    }
}

/// Which time steps a figure shows: all of them when they fit, otherwise a window of at most
/// `limit` steps around a chosen step, its position written ("steps 40…63 of 0…199").
struct StepWindow: Equatable {
    /// The steps shown.
    let range: Range<Int>
    /// The number of steps in all.
    let total: Int

    /// Whether some steps are left out.
    var isWindow: Bool { range.count < total }

    /// "steps t = 40…63 of 0…199", or `nil` when every step is shown.
    var note: String? {
        isWindow ? "steps t = \(range.lowerBound)…\(range.upperBound - 1) of 0…\(total - 1)" : nil
    }

    /// Every one of `total` steps.
    static func all(_ total: Int) -> StepWindow { StepWindow(range: 0..<total, total: total) }

    /// At most `limit` of `total` steps: all when they fit, else a window with `focus` in its middle
    /// (kept inside 0..<total); without a focus, the window ends at the last step.
    static func around(_ focus: Int?, total: Int, limit: Int) -> StepWindow {
        let limit = max(limit, 1)
        guard total > limit else { return .all(total) }
        let focus = focus ?? total - 1
        let start = min(max(0, focus - limit / 2), total - limit)
        return StepWindow(range: start..<(start + limit), total: total)
    }
}
