import Foundation
import RNNTrace

/// What a handout says of a lesson, from its trace: the question the lesson answers, the model,
/// the result beside what it is measured against, and a question to predict before the answer.
struct LessonStory {
    let trace: LessonTrace

    private var task: LessonTask { trace.lesson.task }
    private var separator: String { trace.steps.contains { $0.inputToken.count > 1 } ? " " : "" }
    private var input: String { trace.steps.map(\.inputToken).joined(separator: separator) }
    private var target: String? {
        let targets = trace.steps.compactMap(\.target)
        return targets.count == trace.steps.count ? targets.joined(separator: separator) : nil
    }
    private var answer: String? {
        if let decoder = trace.decoder { return decoder.map(\.outputToken).filter { $0 != SpecialTokens.eos }.joined(separator: " ") }
        return trace.snapshots.last?.predicted.joined(separator: separator)
    }

    /// The question the lesson answers.
    var question: String {
        switch task {
        case .seq2seq:
            return "Can an encoder–decoder read a question word by word and write an answer — “\(input)” → “\(answer ?? "…")”?"
        case .regression:
            let name = trace.forecast?.targetName ?? "value"
            return "Can a network forecast tomorrow's \(name) from the last \(trace.steps.count) days, better than “tomorrow = today”?"
        case .classify:
            let labels = trace.classification?.labels.joined(separator: " or ") ?? "its label"
            return "Reading “\(input)” word by word, can a network tell \(labels) — and when does it decide?"
        case .generate:
            return "Given “\(trace.generation?.input ?? input)” once, can a network write its answer one token at a time, from its own state?"
        default:
            if let target { return "Reading “\(input)” one character at a time, can a network predict each next one — “\(target)”?" }
            return "Reading “\(input)” one character at a time, what does a network predict next?"
        }
    }

    /// The model and its training, in a sentence.
    var model: String {
        var text = "\(trace.model.caption): \(trace.model.parameterCount) parameters"
        if trace.training.iterations > 0 { text += ", trained \(trace.training.iterations) iterations" }
        if !trace.training.optimizer.isEmpty { text += " (\(trace.training.optimizer))" }
        return text + "."
    }

    /// The result, and what it is measured against: the headline metric beside its baseline, the
    /// forecast beside the naive one, the prediction beside the lab's answer (the text's continuation).
    var result: [String] {
        var lines = [trace.summary.prefix(1).uppercased() + trace.summary.dropFirst() + "."]
        if let metric = trace.metric, let value = trace.result[metric.name] {
            var line = "\(metric.label.prefix(1).uppercased() + metric.label.dropFirst()): \(Self.format(value, metric))"
            if let baseline = metric.baseline {
                line += "; \(metric.baselineLabel ?? "a network that learnt nothing") scores \(Self.format(baseline, metric))"
            }
            lines.append(line + ".")
        }
        if let test = trace.result["test_accuracy"], let baseline = trace.result["baseline_accuracy"] {
            lines.append("Held out: \(Self.percent(test)) right, against \(Self.percent(baseline)) for always answering the most common label.")
        }
        if let forecast = trace.forecast {
            let better = forecast.rmse < forecast.naiveRmse ? "better" : "worse"
            lines.append("Test RMSE \(Self.money(forecast.rmse, forecast.unit)), against \(Self.money(forecast.naiveRmse, forecast.unit)) "
                         + "for “tomorrow = today”: the network does \(better).")
        }
        if task == .nextCharacter, let target {
            lines.append("\(trace.lesson.source.prefix(1).uppercased() + trace.lesson.source.dropFirst()) prints “\(target)” once "
                         + "trained: here \(answer == target ? "the same" : "“\(answer ?? "")”").")
        }
        return lines
    }

    /// The question to think about before the answer page.
    var predict: String {
        switch task {
        case .seq2seq: "What will the network answer to “\(input)”? Which words of the question will it look at for each word it writes?"
        case .regression: "Will the network's forecast beat “tomorrow = today” on the test days? By how much?"
        case .classify: "Which label will the network give “\(input)”? After which word does it decide — and does it change its mind?"
        case .generate: "How will the network write its answer to “\(trace.generation?.input ?? input)”, and how well did it learn at first?"
        default: "What does the untrained network predict for “\(input)”? After how many iterations is every prediction right?"
        }
    }

    /// The figure that answers `predict`.
    var revealFigure: FigureKind {
        switch task {
        case .seq2seq: trace.decoder?.contains { $0.attention != nil } == true ? .attention : .unrolled
        case .regression: .forecast
        case .classify: trace.classification?.evidence.isEmpty == false ? .evidence : .unrolled
        default: .predictions
        }
    }

    /// The answer in words.
    var reveal: String {
        switch task {
        case .seq2seq: return "It answers “\(answer ?? "")”."
        case .regression: return result.last ?? ""
        case .classify:
            let flips = trace.classification?.flips ?? []
            let words = trace.steps.map(\.inputToken)
            let decided = trace.steps.last?.prediction ?? "?"
            return flips.isEmpty ? "It answers \(decided), and never changes its mind."
                : "It answers \(decided); it changes its mind after “" + flips.map { words[$0] }.joined(separator: "”, “") + "”."
        default:
            let first = trace.snapshots.first.map { "At iteration \($0.iteration) it predicts “\($0.predicted.joined(separator: separator))”" } ?? ""
            let right = trace.training.firstCorrectIteration.map { "; every prediction is right from iteration \($0) on" } ?? ""
            return first + right + "."
        }
    }

    private static func format(_ value: Double, _ metric: HeadlineMetric) -> String {
        metric.lowerIsBetter ? Ticks.format(value, decimals: 4) : percent(value)
    }
    static func percent(_ value: Double) -> String { Ticks.format(value * 100, decimals: 1) + " %" }
    static func money(_ value: Double, _ unit: String) -> String {
        unit == "$" ? "$" + Ticks.format(value, decimals: 2) : Ticks.format(value, decimals: 2) + " " + unit
    }
}
