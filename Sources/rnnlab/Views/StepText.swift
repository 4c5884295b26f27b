import Foundation
import RNNTrace

/// Steps of a trace as plain text — for `--at T` and for output that is not a terminal.
///
/// No escape sequences; one fact per line, values with three decimals, so a script can `grep`
/// it. A step looks like:
/// ```
/// step t=2 input "h"
///   x_t            0.000 0.000 1.000 0.000 0.000
///   h_{t-1}        0.123 -0.456 …
///   i input gate   …
///   c_t            …
///   h_t            …
///   top-5          e 0.823 | l 0.101 | …
///   prediction     e
///   target         e
///   result         right
/// ```
/// Stacked layers add " L1", " L2" to the labels. Seq2seq traces go on after the encoder steps
/// with the decoder steps, numbered on (`decoder t=0` is position `steps.count`).
enum StepText {
    /// The lesson, the model, and every position.
    static func renderAll(_ trace: LessonTrace) -> String {
        var text = "\(trace.lesson.title)\n\(trace.model.caption)\n"
        for index in 0..<StepPosition.count(trace) { text += "\n" + render(trace, index) }
        return text
    }

    /// One position (input steps first, then decoder steps); out-of-range positions are clamped.
    static func render(_ trace: LessonTrace, _ index: Int) -> String {
        guard StepPosition.count(trace) > 0 else { return "the trace has no steps\n" }
        switch StepPosition(index, in: trace) {
        case .input(let t): return inputStep(trace, t)
        case .decoder(let k): return decoderStep(trace, k)
        }
    }

    private static func inputStep(_ trace: LessonTrace, _ t: Int) -> String {
        let step = trace.steps[t]
        var lines = ["\(trace.isSeq2Seq ? "encoder step" : "step") t=\(t) input \"\(step.inputToken)\""]
        lines.append(row("x_t", step.x))
        let layered = step.layers.count > 1
        for (k, layer) in step.layers.enumerated() {
            let suffix = layered ? " L\(k)" : ""
            let previous = t > 0 && k < trace.steps[t - 1].layers.count ? trace.steps[t - 1].layers[k].h
                : [Float](repeating: 0, count: layer.h.count)
            lines.append(row("h_{t-1}" + suffix, previous))
            for gate in trace.gateNames {
                guard let values = layer.gates[gate] else { continue }
                lines.append(row("\(gate) \(trace.model.cell.gateDescription(gate))" + suffix, values))
            }
            if let c = layer.c { lines.append(row("c_t" + suffix, c)) }
            lines.append(row("h_t" + suffix, layer.h))
        }
        if let gradient = TraceDisplay.gradientSummary(trace, t) { lines.append(field("gradient", gradient)) }
        if let p = trace.probabilities(at: t) {
            let top = TraceDisplay.topTokens(p, vocabulary: trace.outputTokens)
            let name = trace.classification == nil ? "top-5" : step.prediction == nil ? "labels if it ended here" : "labels"
            lines.append(field(name, top.map { "\($0.token) \(TraceDisplay.fixed3($0.p))" }.joined(separator: " | ")))
        }
        if let prediction = step.prediction { lines.append(field("prediction", prediction)) }
        if let target = step.target { lines.append(field("target", target)) }
        if let prediction = step.prediction, let target = step.target, !trace.isRegression {
            lines.append(field("result", prediction == target ? "right" : "wrong"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func decoderStep(_ trace: LessonTrace, _ k: Int) -> String {
        let step = trace.decoder![k]
        var lines = ["decoder step t=\(k) input \"\(step.inputToken)\""]
        if let attention = step.attention {
            let pairs = zip(trace.steps, attention).map { "\($0.inputToken) \(TraceDisplay.fixed3($1))" }
            lines.append(field("attention", pairs.joined(separator: " | ")))
        }
        if let context = step.context { lines.append(row("context", context)) }
        lines.append(row("s_t", step.state))
        let top = zip(step.topTokens, step.topProbabilities).prefix(5).map { "\($0) \(TraceDisplay.fixed3($1))" }
        if !top.isEmpty { lines.append(field("top-5", top.joined(separator: " | "))) }
        lines.append(field("output", step.outputToken))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(_ label: String, _ values: [Float]) -> String {
        field(label, values.map(TraceDisplay.fixed3).joined(separator: " "))
    }

    private static func field(_ label: String, _ value: String) -> String {
        "  " + label.padding(toLength: max(label.count, 15), withPad: " ", startingAt: 0) + value
    }
}
