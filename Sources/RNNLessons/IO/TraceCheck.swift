import RNNCore
import RNNTrace

/// The checks a trace read from a file passes before anything is drawn or shown from it: its
/// sizes within the documented limits (`TraceLimits`) and its vectors as long as the model it
/// describes, so that a damaged or edited trace is one line naming the place, never a trap or an
/// endless render.
enum TraceCheck {
    /// What is wrong with `trace`, as "steps[3].layers[0].h has 4 values; expected 5 (the hidden
    /// size)", or `nil` when nothing is.
    static func problem(in trace: LessonTrace) -> String? {
        var checker = Checker()
        checker.check(trace)
        return checker.problem
    }

    /// Collects the first problem found.
    private struct Checker {
        var problem: String?

        mutating func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
            if problem == nil && !condition() { problem = message() }
        }

        mutating func count(_ values: [some Any]?, _ expected: Int, _ place: String, _ what: String) {
            guard let values else { return }
            require(values.count == expected, "\(place) has \(values.count) values; expected \(expected) (\(what))")
        }

        mutating func within(_ value: Int, _ range: ClosedRange<Int>, _ place: String) {
            require(range.contains(value), "\(place) is \(value); expected \(LessonLimits.describe(range))")
        }

        mutating func check(_ trace: LessonTrace) {
            let model = trace.model
            within(model.layers, LessonLimits.layers, "model.layers")
            within(model.hiddenSize, LessonLimits.hidden, "model.hiddenSize")
            within(model.inputSize, 1...TraceLimits.width, "model.inputSize")
            within(model.outputSize, 1...TraceLimits.width, "model.outputSize")
            if let embedding = model.embeddingSize { within(embedding, LessonLimits.hidden, "model.embeddingSize") }
            within(trace.vocabulary.count, 0...TraceLimits.width, "the vocabulary's size")
            // A classifier's outputs are its labels, not the words of its vocabulary.
            if let labels = trace.classification?.labels {
                count(labels, model.outputSize, "classification.labels", "model.outputSize")
            } else if !trace.vocabulary.isEmpty {
                count(trace.vocabulary, model.outputSize, "vocabulary", "model.outputSize")
            }
            guard problem == nil else { return }
            check(trace.training, snapshots: trace.snapshots)
            check(steps: trace.steps, model: model)
            check(decoder: trace.decoder ?? [], steps: trace.steps.count, model: model)
            if let forecast = trace.forecast { check(forecast) }
            if let flow = trace.gradientFlow { check(flow, steps: trace.steps.count, layers: model.layers) }
            if let value = NonFiniteValue.first(in: trace) { require(false, "\(value); expected finite numbers") }
        }

        mutating func check(_ training: TrainingHistory, snapshots: [Snapshot]) {
            within(training.loss.count, 1...LessonLimits.iterations.upperBound + 1, "the number of losses")
            count(training.predictions, training.loss.count, "training.predictions", "one per loss")
            if let first = training.firstCorrectIteration { within(first, 0...training.loss.count - 1, "training.firstCorrectIteration") }
            within(snapshots.count, 0...training.loss.count, "the number of snapshots")
            for (index, snapshot) in snapshots.enumerated() where problem == nil {
                let place = "snapshots[\(index)]"
                within(snapshot.iteration, 0...training.loss.count - 1, "\(place).iteration")
                within(snapshot.predicted.count, 0...TraceLimits.snapshotTokens, "\(place).predicted's length")
                // A snapshot without targets has no `correct`, one of a regression lesson no `probability`.
                if !snapshot.probability.isEmpty {
                    count(snapshot.probability, snapshot.predicted.count, "\(place).probability", "one per prediction")
                }
                if !snapshot.correct.isEmpty { count(snapshot.correct, snapshot.predicted.count, "\(place).correct", "one per prediction") }
            }
        }

        mutating func check(steps: [StepTrace], model: ModelInfo) {
            within(steps.count, 1...LessonLimits.shownSteps, "the number of steps")
            let gates = Set(model.cell.gateNames)
            let preActivations = gates.isEmpty ? ["a"] : gates
            for (t, step) in steps.enumerated() where problem == nil {
                let place = "steps[\(t)]"
                require(step.t == t, "\(place).t is \(step.t); expected \(t)")
                count(step.x, model.embeddingSize ?? model.inputSize, "\(place).x", "the input size")
                count(step.layers, model.layers, "\(place).layers", "one per layer")
                count(step.logits, model.outputSize, "\(place).logits", "the output size")
                count(step.probabilities, model.outputSize, "\(place).probabilities", "the output size")
                for (k, layer) in step.layers.enumerated() where problem == nil {
                    let layerPlace = "\(place).layers[\(k)]"
                    count(layer.h, model.hiddenSize, "\(layerPlace).h", "the hidden size")
                    require(
                        (layer.c != nil) == model.cell.hasCellState,
                        "\(layerPlace).c is \(layer.c == nil ? "missing" : "given"); only an LSTM has a cell state")
                    count(layer.c, model.hiddenSize, "\(layerPlace).c", "the hidden size")
                    require(Set(layer.gates.keys) == gates, "\(layerPlace).gates are \(layer.gates.keys.sorted()); expected \(gates.sorted())")
                    require(
                        layer.preActivations.isEmpty || Set(layer.preActivations.keys) == preActivations,
                        "\(layerPlace).preActivations are \(layer.preActivations.keys.sorted()); expected \(preActivations.sorted()) or none")
                    for (kind, vectors) in [("gates", layer.gates), ("preActivations", layer.preActivations)] {
                        for (name, values) in vectors.sorted(by: { $0.key < $1.key }) {
                            count(values, model.hiddenSize, "\(layerPlace).\(kind).\(name)", "the hidden size")
                        }
                    }
                }
            }
        }

        mutating func check(decoder: [DecoderStepTrace], steps: Int, model: ModelInfo) {
            within(decoder.count, 0...LessonLimits.shownSteps, "the number of decoder steps")
            for (t, step) in decoder.enumerated() where problem == nil {
                let place = "decoder[\(t)]"
                require(step.t == t, "\(place).t is \(step.t); expected \(t)")
                count(step.attention, steps, "\(place).attention", "one per step")
                count(step.state, model.hiddenSize, "\(place).state", "the hidden size")
                count(step.context, model.hiddenSize, "\(place).context", "the hidden size")
                count(step.topProbabilities, step.topTokens.count, "\(place).topProbabilities", "one per top token")
                within(step.topTokens.count, 0...TraceLimits.width, "\(place).topTokens' length")
            }
        }

        mutating func check(_ forecast: ForecastTrace) {
            let days = forecast.dayIndex.count
            within(forecast.totalDays, 1...TraceLimits.days, "forecast.totalDays")
            count(forecast.actual, days, "forecast.actual", "one per day")
            count(forecast.predicted, days, "forecast.predicted", "one per day")
            count(forecast.naive, days, "forecast.naive", "one per day")
            within(forecast.testStartDay, 0...forecast.totalDays, "forecast.testStartDay")
            if let day = forecast.dayIndex.first(where: { !(0..<forecast.totalDays).contains($0) }) {
                require(false, "forecast.dayIndex holds \(day); expected days 0 to \(forecast.totalDays - 1)")
            }
        }

        mutating func check(_ flow: GradientFlowTrace, steps: Int, layers: Int) {
            within(flow.outputStep, 0...steps - 1, "gradientFlow.outputStep")
            guard problem == nil else { return }
            for (name, rows) in [("trained", flow.trained), ("initial", flow.initial)] {
                guard let rows else { continue }
                count(rows, layers, "gradientFlow.\(name)", "one per layer")
                for (k, row) in rows.enumerated() {
                    count(row, flow.outputStep + 1, "gradientFlow.\(name)[\(k)]", "one per step up to outputStep")
                }
            }
            count(flow.singularValues, layers, "gradientFlow.singularValues", "one per layer")
            count(flow.initialSingularValues, layers, "gradientFlow.initialSingularValues", "one per layer")
            if let key = flow.keySteps?.first(where: { !(0..<steps).contains($0) }) {
                require(false, "gradientFlow.keySteps holds \(key); expected steps 0 to \(steps - 1)")
            }
        }
    }
}

/// The sizes a trace file may have, beyond the lesson's own limits (`LessonLimits`): checked
/// before a trace is drawn or shown. README.md lists them.
public enum TraceLimits {
    /// The largest trace file, in bytes.
    public static let fileBytes = 200_000_000
    /// The widest input, output or vocabulary.
    public static let width = 100_000
    /// The most tokens a snapshot's prediction lists.
    public static let snapshotTokens = 1_000_000
    /// The most days of a forecast's series.
    public static let days = 10_000_000
    /// The longest input (and answer) drawn as step frames (`steps/step-NN`, a frame per step,
    /// each showing the whole input): longer ones are drawn in the other figures and stepped
    /// through in `view`, without frames.
    public static let stepFrames = 100
}
