import Foundation
import RNNTrace

/// What an intervention changed, from the traces of one input before and after: the predictions
/// (or the answer), the loss on the input where its targets are known, and whether it changed
/// anything at all.
public struct WhatIfReport {
    /// The lines to print.
    public let lines: [String]
    /// Whether every state and output is the same as before.
    public let changesNothing: Bool
    /// A trace of the input whose two snapshots are the predictions before and after (for the
    /// predictions figure; a loss that is not known is NaN).
    public let comparison: LessonTrace

    /// Compares `before` and `after` (the same input, without and with `interventions`).
    public init(before: LessonTrace, after: LessonTrace, interventions: Interventions) {
        var lines = ["what if: \(interventions.description)"]
        let statesBefore = before.steps.map { $0.layers.map(\.h) }, statesAfter = after.steps.map { $0.layers.map(\.h) }
        changesNothing = statesBefore == statesAfter && before.steps.map(\.logits) == after.steps.map(\.logits)
            && before.decoder?.map(\.outputToken) == after.decoder?.map(\.outputToken)
            && before.decoder?.map(\.attention) == after.decoder?.map(\.attention)
        let predictions = (Self.predicted(before), Self.predicted(after))
        if let answerBefore = before.decoder.map({ $0.map(\.outputToken) }), let answerAfter = after.decoder.map({ $0.map(\.outputToken) }) {
            lines.append("answer: \"\(Self.text(answerBefore))\" → \"\(Self.text(answerAfter))\"")
        } else {
            lines.append("predictions: \"\(Self.text(predictions.0))\" → \"\(Self.text(predictions.1))\"")
        }
        if let lossBefore = Self.loss(before), let lossAfter = Self.loss(after) {
            lines.append(String(format: "loss on the input: %.4f → %.4f", lossBefore, lossAfter))
        }
        if changesNothing {
            lines.append("changes nothing: every state and output is as before (the clamped gates were already there, or the silenced units were 0)")
        }
        self.lines = lines
        var comparison = before
        comparison.snapshots = [
            Self.snapshot(before, label: "before", index: 0), Self.snapshot(after, label: "after: \(interventions.description)", index: 1),
        ]
        self.comparison = comparison
    }

    /// The tokens the trace predicts: each step's prediction, or the decoder's answer.
    private static func predicted(_ trace: LessonTrace) -> [String] {
        trace.decoder.map { $0.map(\.outputToken) } ?? trace.steps.compactMap(\.prediction)
    }

    /// Tokens as text: characters joined, words with spaces.
    private static func text(_ tokens: [String]) -> String {
        tokens.contains { $0.count > 1 } ? tokens.joined(separator: " ") : tokens.joined()
    }

    /// The mean cross-entropy of the steps whose target is known, from their probabilities.
    private static func loss(_ trace: LessonTrace) -> Double? {
        let terms = trace.steps.compactMap { step -> Double? in
            guard let target = step.target, let probabilities = step.probabilities, let index = trace.vocabulary.firstIndex(of: target),
                index < probabilities.count
            else { return nil }
            return -log(max(Double(probabilities[index]), 1e-30))
        }
        return terms.isEmpty ? nil : terms.reduce(0, +) / Double(terms.count)
    }

    /// The trace's predictions as a snapshot row labelled `label`.
    private static func snapshot(_ trace: LessonTrace, label: String, index: Int) -> Snapshot {
        if let decoder = trace.decoder {
            return Snapshot(
                iteration: index, loss: .nan, predicted: decoder.map(\.outputToken), probability: decoder.map { $0.topProbabilities.first ?? 0 },
                correct: [], label: label)
        }
        let steps = trace.steps.filter { $0.prediction != nil }
        guard steps.contains(where: { $0.probabilities != nil }) else {
            // A regression: a value, neither a probability nor right or wrong.
            return Snapshot(iteration: index, loss: loss(trace) ?? .nan, predicted: steps.map { $0.prediction! }, probability: [], correct: [], label: label)
        }
        let probability = steps.map { step -> Float in
            guard let p = step.probabilities, let token = step.prediction, let index = trace.vocabulary.firstIndex(of: token), index < p.count else { return 0 }
            return p[index]
        }
        return Snapshot(
            iteration: index, loss: loss(trace) ?? .nan, predicted: steps.map { $0.prediction! }, probability: probability,
            correct: steps.contains { $0.target != nil } ? steps.map { $0.prediction == $0.target } : [], label: label)
    }
}
