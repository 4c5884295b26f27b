import RNNTrace

/// `gradient-flow.png` of a comparison: ‖∂L_T/∂h_t‖ of the last step's loss carried back
/// through time on the lesson's shown input, one line per variant on the same axes (a panel per
/// value of the swept key): trained solid, at initialisation dashed, from each variant's first seed.
enum ComparisonGradientFlowFigure {
    static func make(_ trace: ComparisonTrace, room: Size = PageSize.natural.room) -> PanelFigure {
        let layout = ComparisonLayout(trace)
        let theme = Theme.light
        let panels = layout.panels.map { panel in
            var series: [LinePlot.Series] = []
            var longest = 0
            var markers: [LinePlot.Marker] = []
            for spec in layout.series {
                guard let flow = layout.runs(spec, panel: panel.value).first?.gradientFlow, let top = flow.trained.last else { continue }
                longest = max(longest, flow.outputStep)
                if markers.isEmpty { markers = GradientFlowFigure.keyStepMarkers(flow) }
                series.append(LinePlot.Series(name: "\(spec.name), trained", points: backInTime(top), color: spec.color))
                if let initial = flow.initial?.last {
                    series.append(
                        LinePlot.Series(
                            name: "\(spec.name), at initialisation", points: backInTime(initial),
                            color: spec.color.mixed(with: theme.background, 0.25), dashed: true))
                }
            }
            return PanelFigure.Panel(
                title: panel.title, caption: nil,
                plot: LinePlot(
                    series: series, xLabel: "steps back from the last step (T − t)", yLabel: "‖∂L_T/∂h_t‖", logY: true,
                    markers: markers, xRange: longest > 0 ? 0...Double(longest) : nil, integerX: true))
        }
        return PanelFigure(
            header: Header(
                title: "How far back in time the last step's error reaches",
                subtitles: [
                    "The gradient of the last step's loss on one held-out input, top layer, first seed: "
                        + "solid trained, dashed at initialisation; log scale",
                    layout.byline,
                ]),
            panels: panels, columns: layout.columns, room: room)
    }

    /// The points (T − t, value) for t = 0…T, nearest first.
    private static func backInTime(_ norms: [Float]) -> [(x: Double, y: Double)] {
        let T = norms.count - 1
        return norms.indices.reversed().map { (Double(T - $0), Double(norms[$0])) }
    }
}
