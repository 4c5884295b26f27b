import RNNTrace

/// A unit against a probe: one dot per character (at most `maxDots`, evenly spread over the
/// text; a probe of few values is spread sideways a little so the dots do not hide each other),
/// and the unit's mean at each probe value with bars of ± one standard deviation.
struct CellScatterFigure: Figure {
    let figure: PlotFigure
    static let maxDots = 2500

    init(_ portrait: CellPortrait, room: Size = PageSize.natural.room) {
        let n = min(portrait.values.count, portrait.probeValues.count)
        let stride = max(1, n / Self.maxDots)
        let distinct = Set(portrait.probeValues.prefix(n))
        let jitter = distinct.count <= 40 ? 0.3 : 0
        var spread = SeededGenerator(seed: 1)  // the same spread, the same picture, every time
        let dots = Swift.stride(from: 0, to: n, by: stride).map { t in
            (x: Double(portrait.probeValues[t]) + (Double(spread.nextUnitFloat()) - 0.5) * jitter, y: Double(portrait.values[t]))
        }
        // The mean and spread of the unit at each probe value.
        var groups: [Float: [Double]] = [:]
        for t in 0..<n { groups[portrait.probeValues[t], default: []].append(Double(portrait.values[t])) }
        let means = groups.keys.sorted().filter { groups[$0]!.count >= 3 }.map { value -> (x: Double, mean: Double, spread: Double) in
            let ys = groups[value]!, mean = ys.reduce(0, +) / Double(ys.count)
            let variance = ys.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(ys.count)
            return (Double(value), mean, variance.squareRoot())
        }
        // Blue dots and an orange mean: apart in every common form of colour blindness.
        let dotColor = RGBColor(hex: 0x4C78A8).withAlpha(0.35), meanColor = RGBColor(hex: 0xE66100)
        var plot = LinePlot(
            series: [
                LinePlot.Series(name: "one character", points: dots, color: dotColor, showPoints: true, width: 0),
                LinePlot.Series(
                    name: "mean ± 1 sd", points: means.map { ($0.x, $0.mean) }, color: meanColor, width: 2.5,
                    range: means.map { ($0.x, $0.mean - $0.spread, $0.mean + $0.spread) }, rangeStyle: .bars),
            ],
            xLabel: "\(portrait.probe): \(portrait.probeMeaning)", yLabel: "value of \(portrait.unit)")
        plot.integerX = distinct.allSatisfy { $0 == $0.rounded() }
        figure = PlotFigure(
            header: Header(
                title: "\(portrait.unit) against the \(portrait.probe) probe: \(portrait.rText)",
                subtitles: [
                    "each dot is one character of the text (\(dots.count) of \(n)); the line: the unit's mean at each probe value, bars ± 1 sd",
                    portrait.subtitle,
                ]),
            plot: plot, room: room)
    }

    func size(_ canvas: Canvas) throws -> Size { try figure.size(canvas) }
    func draw(_ canvas: Canvas, size: Size) throws { try figure.draw(canvas, size: size) }
}
