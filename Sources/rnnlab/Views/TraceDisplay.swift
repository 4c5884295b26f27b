import Foundation
import RNNTrace

/// How trace values are written on screen and in text output.
enum TraceDisplay {
    /// A token as it can be seen: a space token as ␣, newline as ⏎, tab as ⇥, empty as ∅ (spaces
    /// inside a longer token such as "day 3" stay spaces).
    static func token(_ token: String) -> String {
        if token.isEmpty { return "∅" }
        let onlySpaces = token.allSatisfy { $0 == " " }
        return token.map { character -> String in
            switch character {
            case " ": onlySpaces ? "␣" : " "
            case "\n", "\r\n": "⏎"
            case "\t": "⇥"
            default: String(character)
            }
        }.joined()
    }

    /// `value` in exactly five columns or fewer: two decimals below 10, one below 100, else none.
    static func short(_ value: Float) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let magnitude = abs(value)
        let digits = magnitude < 9.995 ? 2 : (magnitude < 99.95 ? 1 : 0)
        var text = String(format: "%.\(digits)f", value)
        if text == "-0.00" { text = "0.00" }
        return text
    }

    /// `value` with three decimals, for scriptable text.
    static func fixed3(_ value: Float) -> String {
        let text = String(format: "%.3f", value)
        return text == "-0.000" ? "0.000" : text
    }

    /// How much of one step's error reaches step `t`, from the trace's gradient flow:
    /// "‖∂L_T/∂h_t‖ 3.2e-03: the loss of step T = 9, 4 steps back · total-loss ‖∂L/∂h_t‖ 1.1e-02"
    /// (top layer), or `nil` when the trace has none for `t`.
    static func gradientSummary(_ trace: LessonTrace, _ t: Int) -> String? {
        guard let flow = trace.gradientFlow, let norm = flow.trainedNorm(layer: flow.trained.count - 1, t: t) else { return nil }
        let back = flow.outputStep - t
        var text = "‖∂L_T/∂h_t‖ \(scientific(norm)): the loss of step T = \(flow.outputStep), "
            + (back == 0 ? "this step" : "\(back) step\(back == 1 ? "" : "s") back")
        if let total = trace.steps[t].layers.last?.gradientNorm, trace.steps.filter({ $0.logits != nil }).count > 1 {
            text += " · total-loss ‖∂L/∂h_t‖ \(scientific(total))"
        }
        return text
    }

    /// "3.2e-03".
    static func scientific(_ value: Float) -> String { String(format: "%.1e", Double(value)) }

    /// The `count` most likely tokens of a probability vector, most likely first (ties: lower index).
    static func topTokens(_ probabilities: [Float], vocabulary: [String], count: Int = 5) -> [(token: String, p: Float)] {
        let order = probabilities.indices.sorted {
            probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1
        }
        return order.prefix(count).map { ($0 < vocabulary.count ? vocabulary[$0] : "#\($0)", probabilities[$0]) }
    }

    /// The labels of an input vector's entries: the vocabulary for one-hot input, the feature
    /// names for features, else none.
    static func inputLabels(_ trace: LessonTrace, width: Int) -> [String]? {
        if !trace.model.featureNames.isEmpty && trace.model.featureNames.count == width { return trace.model.featureNames }
        if trace.vocabulary.count == width && !trace.isSeq2Seq { return trace.vocabulary.map(token) }
        return nil
    }
}
