import Foundation
import RNNTrace

/// `gradient-flow`: how far back in time the error of one output step reaches.
///
/// The main panel plots ‖∂L_T/∂h_t‖ — the loss of step T alone, carried back — against the
/// distance T − t on a log axis, for the trained network (solid) and at initialisation
/// (dashed), one colour per layer; for a plain RNN the legend gives σ_max(W_hh), by which the
/// gradient can at most be stretched per step back. Where the model predicts at every step, a
/// second panel keeps the gradient of the total loss, to which every later step's loss adds.
enum GradientFlowFigure {
    static func make(_ trace: LessonTrace, room: Size = PageSize.natural.room) -> PanelFigure {
        var panels: [PanelFigure.Panel] = []
        if let flow = trace.gradientFlow { panels.append(oneStepPanel(trace, flow)) }
        let predictsEveryStep = trace.steps.filter { $0.logits != nil }.count > 1
        if panels.isEmpty || predictsEveryStep { panels.append(totalLossPanel(trace)) }
        return PanelFigure(
            header: trace.header("How far back in time one step's error reaches", key: whatToSee(trace)),
            panels: panels, columns: panels.count, room: room)
    }

    /// ‖∂L_T/∂h_t‖ against T − t, trained and at initialisation.
    private static func oneStepPanel(_ trace: LessonTrace, _ flow: GradientFlowTrace) -> PanelFigure.Panel {
        let theme = Theme.light
        let T = flow.outputStep
        var series: [LinePlot.Series] = []
        let layered = flow.trained.count > 1
        for (layer, norms) in flow.trained.enumerated() {
            let name = layered ? "layer \(layer)" : ""
            series.append(
                LinePlot.Series(
                    name: join(name, "trained", singular: flow.singularValues?[layer]), points: backInTime(norms, T),
                    color: theme.accent(layer), showPoints: T < 40))
            if let initial = flow.initial?[layer] {
                series.append(
                    LinePlot.Series(
                        name: join(name, "at initialisation", singular: flow.initialSingularValues?[layer]),
                        points: backInTime(initial, T), color: theme.accent(layer).mixed(with: theme.background, 0.25),
                        dashed: true))
            }
        }
        let token = trace.steps.indices.contains(T) ? displayToken(trace.steps[T].inputToken) : ""
        return PanelFigure.Panel(
            title: "The loss of step T = \(T) alone, carried back",
            caption: "L_T compares the output at step \(T) (input \"\(token)\") with its target; log scale",
            plot: LinePlot(
                series: series, xLabel: "steps back from T (T − t)", yLabel: "‖∂L_T/∂h_t‖", logY: true,
                markers: keyStepMarkers(flow), xRange: T > 0 ? 0...Double(T) : nil, integerX: true))
    }

    /// A marker at each step the target depends on, at its distance back from T.
    static func keyStepMarkers(_ flow: GradientFlowTrace) -> [LinePlot.Marker] {
        (flow.keySteps ?? []).map { step in
            LinePlot.Marker(x: Double(flow.outputStep - step), label: flow.keyStepLabel ?? "", color: Theme.light.secondaryText)
        }
    }

    /// ‖∂L/∂h_t‖ of the total loss against the distance from the last step.
    private static func totalLossPanel(_ trace: LessonTrace) -> PanelFigure.Panel {
        let theme = Theme.light
        let last = trace.steps.count - 1
        let showsEncoder = trace.isSeq2Seq
        let series = (0..<trace.layerCount).map { layer in
            LinePlot.Series(
                name: trace.layerCount > 1 || showsEncoder ? "\(showsEncoder ? "encoder " : "")layer \(layer)" : "",
                points: trace.steps.compactMap { step in
                    step.layers.indices.contains(layer) ? (Double(last - step.t), Double(step.layers[layer].gradientNorm)) : nil
                }.sorted { $0.0 < $1.0 },
                color: theme.accent(layer), showPoints: trace.steps.count <= 40)
        }
        let values = series.flatMap { $0.points.map(\.y) }
        return PanelFigure.Panel(
            title: showsEncoder ? "The whole answer's loss, back into the question" : "The total loss (every step's loss added)",
            caption: showsEncoder
                ? "‖∂L/∂h_t‖ of the encoder: how much each question word's state matters to the answer"
                : "Later steps add their own losses, so this does not show one error fading",
            plot: LinePlot(
                series: series, xLabel: "steps back from the last step", yLabel: "‖∂L/∂h_t‖",
                logY: !values.isEmpty && values.allSatisfy { $0 > 0 }, xRange: last > 0 ? 0...Double(last) : nil,
                integerX: true))
    }

    /// The points (T − t, value) for t = 0…T, nearest first.
    private static func backInTime(_ norms: [Float], _ T: Int) -> [(x: Double, y: Double)] {
        norms.indices.reversed().map { (Double(T - $0), Double(norms[$0])) }
    }

    /// "layer 1, trained (σmax(W_hh) = 0.83)".
    private static func join(_ layer: String, _ state: String, singular: Float?) -> String {
        var text = layer.isEmpty ? state : "\(layer), \(state)"
        if let singular { text += " (σmax(W_hh) = \(Ticks.format(Double(singular), decimals: 2)))" }
        return text
    }

    /// What to see, from the numbers: how many times smaller the error is T steps back.
    static func whatToSee(_ trace: LessonTrace) -> String {
        guard let flow = trace.gradientFlow, let top = flow.trained.last, top.count > 1 else {
            return "‖∂L/∂h_t‖: how much the loss depends on the state t steps back"
        }
        let T = flow.outputStep
        func shrink(_ norms: [Float]) -> String {
            guard let near = norms.last, let far = norms.first, near > 0 else { return "—" }
            guard far > 0 else { return "to 0" }
            return "÷ " + factor(Double(near) / Double(far))
        }
        var text = "Going back \(T) step\(T == 1 ? "" : "s"), the error shrinks \(shrink(top)) trained"
        if let initial = flow.initial?.last { text += ", \(shrink(initial)) at initialisation" }
        if let singular = flow.singularValues?.last {
            let sigma = "σmax(W_hh) = \(Ticks.format(Double(singular), decimals: 2))"
            let shrinks = (top.last ?? 0) > (top.first ?? 0)
            text += singular < 1
                ? "; \(sigma) < 1 makes it shrink at least that much per step"
                : shrinks ? "; \(sigma) ≥ 1 alone would let it grow: it shrinks through tanh′ = 1 − h² < 1"
                : "; \(sigma) ≥ 1 lets it grow"
        }
        return text
    }

    /// A ratio as "3.2", "150" or "4.1e5".
    private static func factor(_ ratio: Double) -> String {
        if ratio < 10 { return Ticks.format(ratio, decimals: 1) }
        if ratio < 10_000 { return Ticks.format(ratio, decimals: 0) }
        return String(format: "%.1e", ratio).replacingOccurrences(of: "e+0", with: "e").replacingOccurrences(of: "e+", with: "e")
    }
}
