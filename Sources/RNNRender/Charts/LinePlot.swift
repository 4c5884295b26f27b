import Foundation

/// An x–y plot: axes with nice ticks, labels, linear or log10 y, several series with a legend,
/// dashed series, points, ranges (a shaded band or error bars), vertical marker lines and
/// horizontal reference lines with labels.
struct LinePlot {
    struct Series {
        var name: String
        var points: [(x: Double, y: Double)]
        var color: RGBColor
        var dashed = false
        var showPoints = false
        var width: Double = 2
        /// A range around the line at some x (over seeds: lowest to highest), drawn as `rangeStyle`.
        var range: [(x: Double, low: Double, high: Double)] = []
        var rangeStyle: RangeStyle = .band
        /// The indices of points drawn as rings rather than dots (a state told by shape).
        var hollowPoints: Set<Int> = []
    }

    /// How a series' range is drawn.
    enum RangeStyle {
        /// A translucent area between the low and high lines.
        case band
        /// A vertical bar with caps at each x.
        case bars
        /// A thick rounded column at each x, moved `offset` points aside (values to compare
        /// with, standing beside the measured ones).
        case column(offset: Double)
    }

    struct Marker {
        var x: Double
        var label: String
        var color: RGBColor
    }

    /// A horizontal line across the plot at `y` (a baseline, a threshold), labelled at its right end.
    struct Reference {
        var y: Double
        var label: String
        var color: RGBColor
    }

    var series: [Series]
    var xLabel: String
    var yLabel: String
    var logY = false
    var markers: [Marker] = []
    var references: [Reference] = []
    /// Shown x range; nil = the data's.
    var xRange: ClosedRange<Double>?
    /// Whether x counts whole things (steps, iterations): ticks then fall on integers only.
    var integerX = false
    /// The x ticks to label, instead of round values (the values a sweep tried).
    var xTicks: [Double]?
    /// Names of the integer x positions 0, 1, 2 … (the words of a sentence), drawn instead of
    /// numbers, one at each position.
    var xTickLabels: [String]?
    /// Shown y range; nil = the data's.
    var yRange: ClosedRange<Double>?
    /// A band of x shaded behind the data, labelled at its top (the lengths a model was trained on).
    var shadedX: (range: ClosedRange<Double>, label: String)?

    static let tickSize: Double = 11
    static let axisSize: Double = 12
    static let legendSize: Double = 12

    /// Chooses log10 when positive values span more than `decades` decades.
    static func wantsLog(_ values: [Double], decades: Double = 2) -> Bool {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let lo = positive.min(), let hi = positive.max(), positive.count == values.count else { return false }
        return log10(hi / lo) > decades
    }

    private var allPoints: [(x: Double, y: Double)] {
        let ranges = series.flatMap { $0.range.flatMap { [(x: $0.x, y: $0.low), (x: $0.x, y: $0.high)] } }
        return (series.flatMap { $0.points } + ranges)
            .filter { $0.x.isFinite && $0.y.isFinite && (!logY || $0.y > 0) }
    }

    private func yDomain() -> (lo: Double, hi: Double, ticks: [Double]) {
        let ys = allPoints.map(\.y) + references.map(\.y).filter { $0.isFinite && (!logY || $0 > 0) }
        var lo = ys.min() ?? 0, hi = ys.max() ?? 1
        if let yRange { lo = yRange.lowerBound; hi = yRange.upperBound }
        if logY {
            if hi <= lo { lo /= 2; hi *= 2 }
            lo = pow(10, floor(log10(lo) * 4) / 4); hi = pow(10, ceil(log10(hi) * 4) / 4)
            return (lo, hi, Ticks.logarithmic(lo, hi))
        }
        if hi <= lo { lo -= 1; hi += 1 }
        let pad = (hi - lo) * 0.05
        let ticks = Ticks.nice(lo - pad, hi + pad, count: 6)
        lo = min(lo - pad, ticks.first ?? lo); hi = max(hi + pad, ticks.last ?? hi)
        return (lo, hi, ticks)
    }

    private func xDomain() -> (lo: Double, hi: Double) {
        if let xRange { return (xRange.lowerBound, xRange.upperBound) }
        if let xTicks, let lo = xTicks.min(), let hi = xTicks.max(), hi > lo {
            let pad = (hi - lo) * 0.04
            return (lo - pad, hi + pad)
        }
        let xs = allPoints.map(\.x) + markers.map(\.x)
        let lo = xs.min() ?? 0, hi = xs.max() ?? 1
        return hi > lo ? (lo, hi) : (lo - 1, hi + 1)
    }

    private func tickLabel(_ v: Double, _ ticks: [Double]) -> String {
        logY ? Ticks.logLabel(v) : Ticks.label(v, among: ticks)
    }

    /// Draws the plot, legend above, axis labels and ticks all inside `rect`.
    func draw(_ canvas: Canvas, in rect: Rect) {
        let theme = canvas.theme
        let (ylo, yhi, yticks) = yDomain()
        let (xlo, xhi) = xDomain()
        // Legend rows first, so their height is known.
        let named = series.filter { !$0.name.isEmpty }
        let yTickWidth = canvas.maxTextWidth(yticks.map { tickLabel($0, yticks) }, size: Self.tickSize)
        let left = Self.axisSize + 10 + yTickWidth + 8
        let legendRows = legendRows(named, canvas, width: rect.width - left - 12)
        let legendHeight = legendRows.isEmpty ? 0 : Double(legendRows.count) * (Self.legendSize + 8) + 4
        let plot = rect.inset(top: legendHeight + 6, left: left,
                              bottom: Self.tickSize + 10 + Self.axisSize + 10, right: 12)
        guard plot.width > 10, plot.height > 10 else { return }
        func px(_ x: Double) -> Double { plot.minX + (x - xlo) / (xhi - xlo) * plot.width }
        func py(_ y: Double) -> Double {
            let t = logY ? (log10(max(y, ylo)) - log10(ylo)) / (log10(yhi) - log10(ylo)) : (y - ylo) / (yhi - ylo)
            return plot.maxY - t * plot.height
        }
        // Grid and y ticks.
        for v in yticks {
            let y = py(v)
            canvas.line(plot.minX, y, plot.maxX, y, theme.grid, width: 0.75)
            canvas.text(tickLabel(v, yticks), x: plot.minX - 6, y: y, size: Self.tickSize, color: theme.secondaryText,
                        align: .right, valign: .middle)
        }
        // x ticks, thinned by label width.
        var xticks = xTicks ?? Ticks.nice(xlo, xhi, count: 8, integer: integerX)
        let xWidest = canvas.maxTextWidth(xticks.map { Ticks.label($0, among: xticks) }, size: Self.tickSize)
        if xTicks == nil, Double(xticks.count) * (xWidest + 12) > plot.width {
            xticks = Ticks.nice(xlo, xhi, count: max(2, Int(plot.width / (xWidest + 12))), integer: integerX)
        }
        if let names = xTickLabels {
            // Every name where they fit, else every k-th (shrunk no smaller than 10 points, then elided).
            let spacing = names.count > 1 ? px(1) - px(0) : plot.width
            let every = Layout.labelStride(labelWidth: min(canvas.maxTextWidth(names, size: Self.tickSize), 60), spacing: spacing)
            for (index, name) in names.enumerated() where index % every == 0 {
                let x = px(Double(index))
                canvas.line(x, plot.maxY, x, plot.maxY + 4, theme.axis)
                canvas.fittedText(name, x: x, y: plot.maxY + 6, maxWidth: spacing * Double(every) - 4, size: Self.tickSize,
                                  minSize: 10, color: theme.text, align: .center, valign: .top)
            }
        } else {
            for v in xticks {
                let x = px(v)
                canvas.line(x, plot.maxY, x, plot.maxY + 4, theme.axis)
                canvas.text(Ticks.label(v, among: xticks), x: x, y: plot.maxY + 6, size: Self.tickSize,
                            color: theme.secondaryText, align: .center, valign: .top)
            }
        }
        canvas.line(plot.minX, plot.maxY, plot.maxX, plot.maxY, theme.axis, width: 1)
        canvas.line(plot.minX, plot.minY, plot.minX, plot.maxY, theme.axis, width: 1)
        canvas.text(xLabel, x: plot.midX, y: rect.maxY, size: Self.axisSize, color: theme.text, align: .center,
                    valign: .bottom)
        let yFitted = canvas.fit(yLabel + (logY ? " (log scale)" : ""), maxWidth: plot.height, size: Self.axisSize)
        canvas.text(yFitted.text, x: rect.minX + Self.axisSize * 0.6, y: plot.midY, size: yFitted.size, color: theme.text,
                    align: .center, valign: .middle, angle: -Double.pi / 2)
        // The shaded band, then markers, under the data.
        if let shadedX {
            let lo = max(px(shadedX.range.lowerBound), plot.minX), hi = min(px(shadedX.range.upperBound), plot.maxX)
            if hi > lo {
                canvas.fill(Rect(x: lo, y: plot.minY, width: hi - lo, height: plot.height), theme.grid.withAlpha(0.35))
                canvas.text(shadedX.label, x: lo + 4, y: plot.minY + 4, size: Self.tickSize, color: theme.secondaryText,
                            valign: .top)
            }
        }
        // Markers under the data.
        for marker in markers where marker.x >= xlo && marker.x <= xhi {
            let x = px(marker.x)
            canvas.line(x, plot.minY, x, plot.maxY, marker.color, width: 1.5, dashed: true)
            let width = canvas.textWidth(marker.label, size: Self.tickSize)
            let onRight = x + 6 + width <= plot.maxX
            canvas.text(marker.label, x: onRight ? x + 6 : x - 6, y: plot.minY + 4, size: Self.tickSize,
                        color: marker.color, align: onRight ? .left : .right, valign: .top)
        }
        // Reference lines, each labelled at whichever end, above or below, leaves the data clear.
        let obstacles = obstaclePoints(px: px, py: py)
        for reference in references where reference.y.isFinite && (!logY || reference.y > 0) {
            let y = py(reference.y)
            guard y >= plot.minY - 0.5, y <= plot.maxY + 0.5 else { continue }
            canvas.line(plot.minX, y, plot.maxX, y, reference.color, width: 1.5, dashed: true)
            let width = canvas.textWidth(reference.label, size: Self.tickSize)
            let height = Self.tickSize + 4
            // Candidate left edges: the right end, the left end, then spaces between.
            let lefts = [plot.maxX - 4 - width, plot.minX + 4] + [0.75, 0.5, 0.25].map { plot.minX + $0 * plot.width - width / 2 }
            var best = (left: lefts[0], above: true, crowding: Int.max)
            for above in [true, false] {
                for left in lefts where left >= plot.minX && left + width <= plot.maxX {
                    let top = above ? y - 4 - height : y + 4
                    let crowding = obstacles.filter {
                        $0.0 >= left - 4 && $0.0 <= left + width + 4 && $0.1 >= top - 2 && $0.1 <= top + height + 2
                    }.count
                    if crowding < best.crowding { best = (left, above, crowding) }
                }
            }
            canvas.text(reference.label, x: best.left, y: best.above ? y - 4 : y + 4, size: Self.tickSize, color: reference.color,
                        align: .left, valign: best.above ? .bottom : .top)
        }
        for s in series where !s.range.isEmpty {
            let range = s.range.filter { $0.x.isFinite && $0.low.isFinite && $0.high.isFinite && (!logY || $0.low > 0) }
            switch s.rangeStyle {
            case .band:
                let outline = range.map { (px($0.x), py($0.high)) } + range.reversed().map { (px($0.x), py($0.low)) }
                canvas.fillPolygon(outline, s.color.withAlpha(0.18))
            case .bars:
                for bar in range {
                    let x = px(bar.x), low = py(bar.low), high = py(bar.high)
                    canvas.line(x, low, x, high, s.color, width: 1.5)
                    canvas.line(x - 4, low, x + 4, low, s.color, width: 1.5)
                    canvas.line(x - 4, high, x + 4, high, s.color, width: 1.5)
                }
            case .column(let offset):
                for bar in range {
                    let x = px(bar.x) + offset, low = py(bar.low), high = py(bar.high)
                    canvas.fill(Rect(x: x - 3, y: min(low, high) - 1.5, width: 6, height: abs(low - high) + 3), s.color, radius: 2)
                }
            }
        }
        for s in series {
            let pts = s.points.filter { $0.x.isFinite && $0.y.isFinite && (!logY || $0.y > 0) }.map { (px($0.x), py($0.y)) }
            if s.width > 0 && pts.count > 1 { canvas.polyline(pts, s.color, width: s.width, dashed: s.dashed) }
            if s.showPoints || pts.count == 1 {
                for (index, p) in pts.enumerated() {
                    if s.hollowPoints.contains(index) {
                        canvas.circle(p.0, p.1, radius: 4, fill: theme.background, stroke: s.color, width: 2)
                    } else {
                        canvas.circle(p.0, p.1, radius: 3, fill: s.color, stroke: theme.background, width: 1)
                    }
                }
            }
        }
        // Legend, right-aligned above the plot, in as many rows as it needs.
        for (row, entries) in legendRows.enumerated() {
            var lx = plot.maxX
            let ly = rect.minY + Self.legendSize / 2 + 2 + Double(row) * (Self.legendSize + 8)
            for s in entries.reversed() {
                let width = canvas.textWidth(s.name, size: Self.legendSize)
                lx -= width
                canvas.text(s.name, x: lx, y: ly, size: Self.legendSize, valign: .middle)
                lx -= 28
                if case .column = s.rangeStyle, s.width <= 0 {
                    canvas.fill(Rect(x: lx + 8, y: ly - 7, width: 6, height: 14), s.color, radius: 2)
                } else {
                    if s.width > 0 { canvas.line(lx, ly, lx + 22, ly, s.color, width: s.width, dashed: s.dashed) }
                    if s.showPoints || s.width <= 0 { canvas.circle(lx + 11, ly, radius: 3, fill: s.color) }
                }
                lx -= 16
            }
        }
    }

    /// Where the data lies, in points: every point, points along each line between them, and
    /// the ends and middle of every range — what a label should not cover.
    private func obstaclePoints(px: (Double) -> Double, py: (Double) -> Double) -> [(Double, Double)] {
        func visible(_ x: Double, _ y: Double) -> Bool { x.isFinite && y.isFinite && (!logY || y > 0) }
        var points: [(Double, Double)] = []
        for s in series {
            let line = s.points.filter { visible($0.x, $0.y) }.map { (px($0.x), py($0.y)) }
            points += line
            for (a, b) in zip(line, line.dropFirst()) {
                let pieces = max(1, Int(hypot(b.0 - a.0, b.1 - a.1) / 4))
                for k in 1..<pieces {
                    let f = Double(k) / Double(pieces)
                    points.append((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f))
                }
            }
            for bar in s.range where visible(bar.x, bar.low) && visible(bar.x, bar.high) {
                let offset: Double = if case .column(let offset) = s.rangeStyle { offset } else { 0 }
                let x = px(bar.x) + offset, low = py(bar.low), high = py(bar.high)
                let pieces = max(1, Int(abs(high - low) / 4))
                for k in 0...pieces { points.append((x, low + (high - low) * Double(k) / Double(pieces))) }
            }
        }
        return points
    }

    /// The named series packed into legend rows no wider than `width`, in order.
    private func legendRows(_ named: [Series], _ canvas: Canvas, width: Double) -> [[Series]] {
        var rows: [[Series]] = []
        var used = 0.0
        for s in named {
            let entry = canvas.textWidth(s.name, size: Self.legendSize) + 44
            if let last = rows.indices.last, used + entry <= width {
                rows[last].append(s)
                used += entry
            } else {
                rows.append([s])
                used = entry
            }
        }
        return rows
    }
}
