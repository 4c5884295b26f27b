import Foundation

/// Tick positions and labels for axes and colour bars.
enum Ticks {
    /// Round tick values covering `lower…upper`, about `count` of them; `integer` keeps the
    /// spacing at least 1 so an axis that counts (steps, iterations) never gets 0.5 ticks.
    static func nice(_ lower: Double, _ upper: Double, count: Int = 5, integer: Bool = false) -> [Double] {
        guard lower.isFinite, upper.isFinite else { return [] }
        guard upper > lower else { return [lower] }
        var raw = (upper - lower) / Double(max(count - 1, 1))
        if integer { raw = max(raw, 1) }
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }
            .first { $0 >= raw * 0.999 && (!integer || $0.rounded() == $0) } ?? 10 * magnitude
        var ticks: [Double] = []
        var value = (lower / step).rounded(.up) * step
        while value <= upper + step * 1e-9 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }

    /// Powers of ten covering `lower…upper` (both > 0), with 2 and 5 in between when there are
    /// few decades; within less than a decade, where those would leave one or two ticks, round
    /// values as on a linear axis (0.001, 0.002, 0.003).
    static func logarithmic(_ lower: Double, _ upper: Double) -> [Double] {
        guard lower > 0, upper > lower else { return lower > 0 ? [lower] : [] }
        let first = Int(log10(lower).rounded(.down)), last = Int(log10(upper).rounded(.up))
        let multipliers: [Double] = last - first <= 2 ? [1, 2, 5] : [1]
        // Over many decades, every second (or fifth…) power of ten, so the labels stay apart.
        let decadeStep = [1, 2, 5, 10, 20].first { (last - first) / $0 <= 8 } ?? 50
        var ticks: [Double] = []
        for exponent in first...last where exponent % decadeStep == 0 {
            for m in multipliers {
                let v = m * pow(10, Double(exponent))
                if v >= lower * 0.999, v <= upper * 1.001 { ticks.append(v) }
            }
        }
        if ticks.count < 3 {
            let linear = nice(lower, upper, count: 4).filter { $0 > 0 }
            if linear.count > ticks.count { return linear }
        }
        return ticks
    }

    /// A tick label with as few decimals as the spacing of `ticks` needs.
    static func label(_ value: Double, among ticks: [Double]) -> String {
        var step = Double.infinity
        for (a, b) in zip(ticks, ticks.dropFirst()) { step = min(step, abs(b - a)) }
        if !step.isFinite || step == 0 { step = abs(value) > 0 ? abs(value) : 1 }
        return format(value, decimals: max(0, Int((-log10(step)).rounded(.up)) + (isQuarter(step) ? 1 : 0)))
    }

    /// A log-axis label: 0.001, 0.0025, 0.01 … 1, 10, 1000, then 1e4 (with as many digits as
    /// the value needs, up to three significant ones).
    static func logLabel(_ value: Double) -> String {
        guard value > 0 else { return format(value, decimals: 0) }
        let magnitude = Int(log10(value).rounded(.down))
        // Digits after the first significant one: 0 for 0.002, 1 for 0.0025.
        let extraDigits = (0...2).first { digits in
            let scale = pow(10, Double(digits - magnitude))
            return abs((value * scale).rounded() - value * scale) < 1e-6
        } ?? 2
        if value >= 1e4 || value < 1e-3 { return String(format: "%.\(extraDigits)e", value) }
        return format(value, decimals: max(0, extraDigits - magnitude))
    }

    /// `value` with `decimals` decimals, without "-0".
    static func format(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(min(decimals, 8))f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    private static func isQuarter(_ step: Double) -> Bool {
        let mantissa = step / pow(10, floor(log10(step)))
        return abs(mantissa - 2.5) < 1e-6
    }
}
