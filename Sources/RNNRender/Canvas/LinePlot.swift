import Foundation

/// An x–y plot: axes with nice ticks, labels, linear or log10 y, several series with a legend,
/// dashed series, points, and vertical marker lines with labels.
struct LinePlot {
    struct Series {
        var name: String
        var points: [(x: Double, y: Double)]
        var color: RGBColor
        var dashed = false
        var showPoints = false
        var width: Double = 2
    }

    struct Marker {
        var x: Double
        var label: String
        var color: RGBColor
    }

    var series: [Series]
    var xLabel: String
    var yLabel: String
    var logY = false
    var markers: [Marker] = []
    /// Shown x range; nil = the data's.
    var xRange: ClosedRange<Double>?
    /// Whether x counts whole things (steps, iterations): ticks then fall on integers only.
    var integerX = false

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
        series.flatMap { $0.points }.filter { $0.x.isFinite && $0.y.isFinite && (!logY || $0.y > 0) }
    }

    private func yDomain() -> (lo: Double, hi: Double, ticks: [Double]) {
        let ys = allPoints.map(\.y)
        var lo = ys.min() ?? 0, hi = ys.max() ?? 1
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
        // Legend row first, so its height is known.
        let named = series.filter { !$0.name.isEmpty }
        let legendHeight = named.isEmpty ? 0 : Self.legendSize + 12
        let yTickWidth = canvas.maxTextWidth(yticks.map { tickLabel($0, yticks) }, size: Self.tickSize)
        let plot = rect.inset(top: legendHeight + 6, left: Self.axisSize + 10 + yTickWidth + 8,
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
        var xticks = Ticks.nice(xlo, xhi, count: 8, integer: integerX)
        let xWidest = canvas.maxTextWidth(xticks.map { Ticks.label($0, among: xticks) }, size: Self.tickSize)
        if Double(xticks.count) * (xWidest + 12) > plot.width {
            xticks = Ticks.nice(xlo, xhi, count: max(2, Int(plot.width / (xWidest + 12))), integer: integerX)
        }
        for v in xticks {
            let x = px(v)
            canvas.line(x, plot.maxY, x, plot.maxY + 4, theme.axis)
            canvas.text(Ticks.label(v, among: xticks), x: x, y: plot.maxY + 6, size: Self.tickSize,
                        color: theme.secondaryText, align: .center, valign: .top)
        }
        canvas.line(plot.minX, plot.maxY, plot.maxX, plot.maxY, theme.axis, width: 1)
        canvas.line(plot.minX, plot.minY, plot.minX, plot.maxY, theme.axis, width: 1)
        canvas.text(xLabel, x: plot.midX, y: rect.maxY, size: Self.axisSize, color: theme.text, align: .center,
                    valign: .bottom)
        let yFitted = canvas.fit(yLabel + (logY ? " (log scale)" : ""), maxWidth: plot.height, size: Self.axisSize)
        canvas.text(yFitted.text, x: rect.minX + Self.axisSize * 0.6, y: plot.midY, size: yFitted.size, color: theme.text,
                    align: .center, valign: .middle, angle: -Double.pi / 2)
        // Markers under the data.
        for marker in markers where marker.x >= xlo && marker.x <= xhi {
            let x = px(marker.x)
            canvas.line(x, plot.minY, x, plot.maxY, marker.color, width: 1.5, dashed: true)
            let width = canvas.textWidth(marker.label, size: Self.tickSize)
            let onRight = x + 6 + width <= plot.maxX
            canvas.text(marker.label, x: onRight ? x + 6 : x - 6, y: plot.minY + 4, size: Self.tickSize,
                        color: marker.color, align: onRight ? .left : .right, valign: .top)
        }
        for s in series {
            let pts = s.points.filter { $0.x.isFinite && $0.y.isFinite && (!logY || $0.y > 0) }.map { (px($0.x), py($0.y)) }
            if s.width > 0 { canvas.polyline(pts, s.color, width: s.width, dashed: s.dashed) }
            if s.showPoints || pts.count == 1 {
                for p in pts { canvas.circle(p.0, p.1, radius: 3, fill: s.color, stroke: theme.background, width: 1) }
            }
        }
        // Legend, right-aligned above the plot.
        var lx = plot.maxX
        for s in named.reversed() {
            let width = canvas.textWidth(s.name, size: Self.legendSize)
            lx -= width
            canvas.text(s.name, x: lx, y: rect.minY + Self.legendSize / 2 + 2, size: Self.legendSize, valign: .middle)
            lx -= 28
            let ly = rect.minY + Self.legendSize / 2 + 2
            if s.width > 0 { canvas.line(lx, ly, lx + 22, ly, s.color, width: s.width, dashed: s.dashed) }
            if s.showPoints || s.width <= 0 { canvas.circle(lx + 11, ly, radius: 3, fill: s.color) }
            lx -= 16
        }
    }
}
