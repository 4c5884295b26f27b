import Foundation
import RNNTrace

/// Two lines under a figure in a handout: what to see in it, computed from the trace's numbers
/// ("the prediction is right from iteration 13"; "unit 3 follows the position in the input,
/// r = 0.91"), then how to read it.
enum FigureCaption {
    static func lines(_ figure: FigureKind, _ trace: LessonTrace) -> (String, String) {
        switch figure {
        case .unrolled: unrolled(trace)
        case .hidden: hidden(trace)
        case .gates: gates(trace)
        case .cell: cell(trace)
        case .predictions: predictions(trace)
        case .loss: loss(trace)
        case .activations: activations(trace)
        case .gradientFlow: (GradientFlowFigure.whatToSee(trace) + ".", "Log scale: each step back multiplies the error; a straight line is a steady rate.")
        case .attention: attention(trace)
        case .forecast: forecast(trace)
        case .evidence: evidence(trace)
        case .confusion: confusion(trace)
        }
    }

    private static func unrolled(_ trace: LessonTrace) -> (String, String) {
        let how = "Each column is one time step: the same weights at every step, h_t carried to the next by W_hh."
        let right = trace.steps.compactMap { step in step.target.map { $0 == step.prediction } }
        if !right.isEmpty, !trace.isRegression {
            return ("The trained network gets \(right.filter { $0 }.count) of \(right.count) steps right.", how)
        }
        if let decoder = trace.decoder {
            return ("The encoder reads \(trace.steps.count) words; the decoder writes \(decoder.count), starting from the encoder's last state.", how)
        }
        return ("The network reads \(trace.steps.count) steps and answers at the last: \(trace.steps.last?.prediction ?? "—").", how)
    }

    /// The unit whose h follows the step number most closely, with Pearson's r.
    static func positionUnit(_ trace: LessonTrace) -> (unit: Int, r: Double)? {
        guard trace.steps.count >= 3 else { return nil }
        let rows = trace.unitsByTime(layer: 0) { $0.h }
        let time = trace.steps.indices.map(Double.init)
        return rows.indices.compactMap { u in correlation(time, rows[u]).map { (u, $0) } }.max { abs($0.1) < abs($1.1) }
    }

    static func correlation(_ a: [Double], _ b: [Double]) -> Double? {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        let cov = zip(a, b).map { ($0 - ma) * ($1 - mb) }.reduce(0, +)
        let va = a.map { ($0 - ma) * ($0 - ma) }.reduce(0, +), vb = b.map { ($0 - mb) * ($0 - mb) }.reduce(0, +)
        guard va > 0, vb > 0 else { return nil }
        return cov / (va * vb).squareRoot()
    }

    private static func hidden(_ trace: LessonTrace) -> (String, String) {
        let rows = trace.unitsByTime(layer: 0) { $0.h }
        let varying = rows.indices.max { UnitSelection.variance(rows[$0]) < UnitSelection.variance(rows[$1]) } ?? 0
        var first = "Unit \(varying) varies most over the input (variance \(Ticks.format(UnitSelection.variance(rows[varying]), decimals: 2)))"
        if let position = positionUnit(trace) {
            first += "; unit \(position.unit) follows the position in the input, r = \(Ticks.format(position.r, decimals: 2))"
        }
        return (first + ".", "A row per unit, a column per step: blue negative, white 0, orange positive.")
    }

    private static func gates(_ trace: LessonTrace) -> (String, String) {
        let name = trace.model.cell == .gru ? "z" : "f"
        let values = trace.steps.flatMap { $0.layers.first?.gates[name] ?? [] }
        let open = values.isEmpty ? 0 : Double(values.filter { $0 > 0.5 }.count) / Double(values.count)
        let role = name == "f" ? "forget gate f keeps more than half of c_{t-1}" : "update gate z keeps more than half of h_{t-1}"
        return ("The \(role) at \(LessonStory.percent(open)) of units and steps (layer 0).",
                "Gates run from 0 (closed) to 1 (open); the candidate from −1 to 1.")
    }

    private static func cell(_ trace: LessonTrace) -> (String, String) {
        var best = 0, largest = -1.0
        for t in trace.steps.indices {
            let h = trace.steps[t].layers.first?.h ?? [], previous = t > 0 ? trace.steps[t - 1].layers.first?.h ?? [] : []
            let change = h.indices.map { Double(h[$0] - ($0 < previous.count ? previous[$0] : 0)) }.map { $0 * $0 }.reduce(0, +).squareRoot()
            if change >= largest { best = t; largest = change }
        }
        return ("h changes most at step \(best), reading “\(displayToken(trace.steps[best].inputToken))”: ‖h_t − h_{t-1}‖ = \(Ticks.format(largest, decimals: 2)).",
                "The cell's inside at that step, each vector with its values: follow c_{t-1} and h_{t-1} to c_t and h_t.")
    }

    private static func predictions(_ trace: LessonTrace) -> (String, String) {
        let how = "A row per snapshot iteration; each box shaded by its probability, ✓ right and ✗ wrong."
        guard let first = trace.snapshots.first else { return ("No snapshots were kept.", how) }
        let right = first.correct.filter { $0 }.count
        var line = "At iteration \(first.iteration) \(right) of \(first.correct.count) predictions are right"
        if let iteration = trace.training.firstCorrectIteration { line += "; the prediction is right from iteration \(iteration)" }
        return (line + ".", how)
    }

    private static func loss(_ trace: LessonTrace) -> (String, String) {
        let loss = trace.training.loss
        guard let first = loss.first, let last = loss.last, first > 0 else { return ("No loss was recorded.", "") }
        let half = (first + last) / 2
        let halfway = loss.firstIndex { $0 <= half } ?? loss.count - 1
        return ("The loss falls from \(Ticks.format(first, decimals: 4)) to \(Ticks.format(last, decimals: 4)) in \(trace.training.iterations) iterations; "
                + "half of the fall is done by iteration \(halfway).",
                "Iteration k is the network after k updates; the points are the snapshots.")
    }

    private static func activations(_ trace: LessonTrace) -> (String, String) {
        let how = "The text coloured by one unit at each character: blue −1, orange +1 (Karpathy et al. 2015)."
        guard let text = trace.text, let unit = text.units.first else { return ("The units that vary most, over the shown input.", how) }
        var sums: [String: (Double, Int)] = [:]
        for (token, value) in zip(text.tokens, unit.values) { sums[token, default: (0, 0)].0 += Double(value); sums[token, default: (0, 0)].1 += 1 }
        let means = sums.mapValues { $0.0 / Double($0.1) }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard let high = means.first, let low = means.last else { return ("", how) }
        return ("Unit \(unit.unit) varies most over the text: highest on “\(displayToken(high.key))” (\(Ticks.format(high.value, decimals: 2))), "
                + "lowest on “\(displayToken(low.key))” (\(Ticks.format(low.value, decimals: 2))).", how)
    }

    private static func attention(_ trace: LessonTrace) -> (String, String) {
        let decoder = (trace.decoder ?? []).filter { $0.attention != nil }
        let peaks = decoder.map { $0.attention!.max() ?? 0 }
        let mean = peaks.isEmpty ? 0 : Double(peaks.reduce(0, +)) / Double(peaks.count)
        var line = "Each answer word puts \(Ticks.format(mean, decimals: 2)) of its attention on one question word, on average"
        if let sharpest = decoder.indices.max(by: { peaks[$0] < peaks[$1] }), let attention = decoder[sharpest].attention,
           let j = attention.indices.max(by: { attention[$0] < attention[$1] }), trace.steps.indices.contains(j) {
            line += "; “\(displayToken(decoder[sharpest].outputToken))” looks at “\(displayToken(trace.steps[j].inputToken))” (\(Ticks.format(Double(attention[j]), decimals: 2)))"
        }
        return (line + ".", "A row per answer word, a column per question word; each row sums to 1.")
    }

    private static func forecast(_ trace: LessonTrace) -> (String, String) {
        guard let f = trace.forecast else { return ("", "") }
        let change = (f.naiveRmse - f.rmse) / f.naiveRmse
        return ("Test RMSE \(LessonStory.money(f.rmse, f.unit)) against \(LessonStory.money(f.naiveRmse, f.unit)) for “tomorrow = today”: "
                + "\(LessonStory.percent(abs(change))) \(change >= 0 ? "better" : "worse").",
                "The true \(f.targetName) in black, the network's forecast in blue, the naive forecast dashed.")
    }

    private static func evidence(_ trace: LessonTrace) -> (String, String) {
        let how = "After each word, the probability of each label had the sentence ended there."
        guard let classification = trace.classification else { return ("", how) }
        let words = trace.steps.map(\.inputToken)
        let flips = classification.flips
        let answer = trace.steps.last?.prediction ?? "?"
        if flips.isEmpty { return ("The answer is \(answer) from the first word on.", how) }
        return ("The answer flips after “" + flips.map { words[$0] }.joined(separator: "”, “") + "” and ends \(answer).", how)
    }

    private static func confusion(_ trace: LessonTrace) -> (String, String) {
        guard let classification = trace.classification, let confusion = classification.confusion else { return ("", "") }
        let labels = classification.labels
        let total = confusion.flatMap { $0 }.reduce(0, +), right = labels.indices.reduce(0) { $0 + confusion[$1][$1] }
        var worst: (Int, Int, Int)?
        for r in labels.indices { for c in labels.indices where r != c && confusion[r][c] > (worst?.2 ?? 0) { worst = (r, c, confusion[r][c]) } }
        var line = "\(right) of \(total) held-out texts are right (\(LessonStory.percent(Double(right) / Double(max(total, 1)))))"
        if let worst { line += "; most mistakes: \(labels[worst.0]) read as \(labels[worst.1]) (\(worst.2))" }
        return (line + ".", "Rows: the true label; columns: the network's; the diagonal is right.")
    }
}
