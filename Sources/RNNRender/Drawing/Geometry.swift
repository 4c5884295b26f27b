/// A rectangle in points, origin at the top left.
struct Rect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var minX: Double { x }
    var minY: Double { y }
    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    /// The rectangle shrunk by `d` on every side.
    func inset(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
    /// The rectangle shrunk by the given amounts.
    func inset(top: Double = 0, left: Double = 0, bottom: Double = 0, right: Double = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }
}

/// A size in points.
struct Size: Equatable {
    var width: Double
    var height: Double
}

/// Spacing rules shared by figures.
enum Layout {
    /// The margin kept from every edge of a figure.
    static let margin: Double = 24
    /// The gap between blocks.
    static let gap: Double = 18

    /// Every how many-th label to show so labels of width `labelWidth` placed every `spacing`
    /// points do not collide (1 = all).
    static func labelStride(labelWidth: Double, spacing: Double, padding: Double = 6) -> Int {
        let needed = labelSpacing(labelWidth: labelWidth, spacing: spacing, padding: padding)
        guard needed > 1 else { return 1 }
        // Prefer round strides (2, 5, 10, 20, 25, 50…) so labels land on readable indices.
        for candidate in [2, 5, 10, 20, 25, 50, 100, 200, 500, 1000] where candidate >= needed { return candidate }
        return needed
    }

    /// The fewest positions apart two labels of width `labelWidth` placed every `spacing` points
    /// must be not to collide (1 = neighbours fit).
    static func labelSpacing(labelWidth: Double, spacing: Double, padding: Double = 6) -> Int {
        guard spacing > 0 else { return 1 }
        return max(1, Int(((labelWidth + padding) / spacing).rounded(.up)))
    }

    /// Which of `count` labels numbered 0, 1, 2… to show when labels need `labelSpacing` positions
    /// apart: all when they fit, else the round numbers (0, 5, 10… or 0, 10, 20…), never 0, 3, 6.
    static func roundNumberedLabels(count: Int, labelSpacing: Int) -> [Int] {
        guard labelSpacing > 1 else { return Array(0..<count) }
        let stride = [2, 5, 10, 20, 25, 50, 100, 200, 500, 1000].first { $0 >= labelSpacing } ?? labelSpacing
        return Array(Swift.stride(from: 0, to: count, by: stride))
    }

    /// `value` limited to `range`.
    static func clamp(_ value: Double, _ range: ClosedRange<Double>) -> Double {
        min(max(value, range.lowerBound), range.upperBound)
    }
}
