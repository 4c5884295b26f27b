import Foundation
import RNNCore
import RNNLessons
import RNNRender
import RNNTrace

/// Everything the lesson page's script shows, taken from the traces and written into the page
/// as JSON: per training snapshot (and the trained network), every step of the shown input with
/// the values the terminal's step view shows. Tokens are already in their visible form (␣ for a
/// space), the most likely next tokens already chosen, numbers rounded to two decimals.
struct LessonPageData: Encodable {
    /// A gate of the lesson's cell.
    struct Gate: Encodable {
        /// `i`, `f`, `g`, `o` (LSTM) or `r`, `z`, `n` (GRU).
        var name: String
        /// "forget gate".
        var description: String
        /// Whether its values are tanh (−1…1) rather than σ (0…1).
        var tanh: Bool
    }

    /// A likely next token and its probability.
    struct Token: Encodable {
        var token: String
        var p: PageNumber
    }

    /// One layer's values after a step.
    struct Layer: Encodable {
        var h: [PageNumber]
        var c: [PageNumber]?
        var gates: [String: [PageNumber]]
    }

    /// One input (or encoder) step.
    struct Step: Encodable {
        var input: String
        var x: [PageNumber]
        var layers: [Layer]
        /// The five most likely next tokens, when the model predicts at this step.
        var top: [Token]?
        var prediction: String?
        var target: String?
        /// Whether the prediction equals the target (next-token lessons only).
        var right: Bool?
    }

    /// One decoder step of a seq2seq answer.
    struct DecoderStep: Encodable {
        /// The token fed in (`<sos>`, then the previous output).
        var input: String
        var output: String
        var attention: [PageNumber]?
        var state: [PageNumber]
        var context: [PageNumber]?
        var top: [Token]
    }

    /// The shown input through the network as it was at one snapshot iteration, or trained.
    struct View: Encodable {
        /// The slider's mark: "0", "49", "trained".
        var tick: String
        /// "iteration 6 of 50 · loss 0.521".
        var description: String
        /// "predicts “lllllo”" (hidden with the prediction in predict-then-reveal).
        var prediction: String
        var steps: [Step]
        var decoder: [DecoderStep]?
    }

    /// A regression lesson's forecast, in words.
    struct Forecast: Encodable {
        /// "Close".
        var targetName: String
        /// "test days: RMSE $7.95 · naive “tomorrow = today” $7.97".
        var summary: String
        /// "The model reads day by day; it predicts Close after the last day (t = 6)."
        var reading: String
    }

    var title: String
    /// "LSTM, 1 layer, hidden 5 · Adam, lr 0.1, seed 777".
    var caption: String
    var task: String
    /// The names of x's entries: the vocabulary for one-hot input, the features, else none.
    var inputLabels: [String]?
    var gates: [Gate]
    var forecast: Forecast?
    var views: [View]
    /// The view shown first: the trained network.
    var start: Int
    /// Colour stops, evenly spaced, of the figures' maps: `signed` (−1…1, blue–white–red) and
    /// `unit` (0…1, viridis).
    var palettes: [String: [String]]

    /// The data of `traces`: a view per snapshot, then the trained network's.
    init(_ traces: LessonTraces) {
        let trace = traces.trace
        title = trace.lesson.title
        caption = "\(trace.model.caption) · \(trace.training.optimizer)"
        task = trace.lesson.task.rawValue
        inputLabels = trace.steps.first.flatMap { TraceDisplay.inputLabels(trace, width: $0.x.count) }
        gates = trace.gateNames.map {
            Gate(name: $0, description: trace.model.cell.gateDescription($0), tanh: CellKind.isTanhGate($0))
        }
        forecast = trace.forecast.map { forecast in
            Forecast(
                targetName: forecast.targetName, summary: forecast.errorSummary,
                reading: forecast.readingSentence(lastStep: trace.steps.count - 1))
        }
        let iterations = trace.training.iterations
        var views = zip(trace.snapshots, traces.snapshots).map { snapshot, snapshotTrace in
            Self.view(snapshotTrace, tick: "\(snapshot.iteration)",
                      heading: "iteration \(snapshot.iteration) of \(iterations)", loss: snapshot.loss)
        }
        views.append(Self.view(trace, tick: "trained", heading: "trained: \(iterations) iterations",
                               loss: trace.result["final_loss"] ?? trace.training.loss.last))
        self.views = views
        start = views.count - 1
        palettes = [
            "signed": Self.stops(.diverging), "unit": Self.stops(.viridis),
        ]
    }

    /// The view of one trace.
    private static func view(_ trace: LessonTrace, tick: String, heading: String, loss: Double?) -> View {
        var words = [heading]
        if let loss { words.append("loss " + String(format: "%.3f", loss)) }
        return View(tick: tick, description: words.joined(separator: " · "), prediction: prediction(of: trace),
                    steps: trace.steps.map { step(trace, $0) }, decoder: trace.decoder?.map(decoderStep))
    }

    /// "predicts “ihello”", "answers “a network …”", "forecasts 826.30".
    private static func prediction(of trace: LessonTrace) -> String {
        if let decoder = trace.decoder {
            let words = decoder.map(\.outputToken).filter { $0 != Vocabulary.eos }
            return "answers “\(WordTokenizer().detokenize(words))”"
        }
        let predictions = trace.steps.compactMap(\.prediction)
        if trace.isRegression { return "forecasts \(predictions.last ?? "?")" }
        return "predicts “\(predictions.map(TraceDisplay.token).joined())”"
    }

    private static func step(_ trace: LessonTrace, _ step: StepTrace) -> Step {
        let top = trace.probabilities(at: step.t).map { probabilities in
            TraceDisplay.topTokens(probabilities, vocabulary: trace.outputTokens).map {
                Token(token: TraceDisplay.token($0.token), p: PageNumber($0.p))
            }
        }
        var right: Bool?
        if !trace.isRegression, let prediction = step.prediction, let target = step.target {
            right = prediction == target
        }
        return Step(
            input: TraceDisplay.token(step.inputToken), x: PageNumber.list(step.x),
            layers: step.layers.map { layer in
                Layer(h: PageNumber.list(layer.h), c: layer.c.map(PageNumber.list), gates: layer.gates.mapValues(PageNumber.list))
            },
            top: top, prediction: step.prediction.map(TraceDisplay.token), target: step.target.map(TraceDisplay.token),
            right: right)
    }

    private static func decoderStep(_ step: DecoderStepTrace) -> DecoderStep {
        let top = zip(step.topTokens, step.topProbabilities).prefix(5).map {
            Token(token: TraceDisplay.token($0), p: PageNumber($1))
        }
        return DecoderStep(
            input: TraceDisplay.token(step.inputToken), output: TraceDisplay.token(step.outputToken),
            attention: step.attention.map(PageNumber.list), state: PageNumber.list(step.state),
            context: step.context.map(PageNumber.list), top: top)
    }

    /// Seventeen evenly spaced colours of `map`, as `#rrggbb`.
    private static func stops(_ map: ColorMap) -> [String] {
        (0...16).map { map.color(at: Double($0) / 16).hex }
    }
}

/// A number as the page stores it: two decimals, as the page shows it (and enough for its
/// colour), `null` when not finite, never "-0".
struct PageNumber: Encodable {
    var value: Float

    init(_ value: Float) { self.value = value }

    /// Each of `values`.
    static func list(_ values: [Float]) -> [PageNumber] { values.map(PageNumber.init) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        guard value.isFinite else { return try container.encodeNil() }
        let rounded = (Double(value) * 100).rounded() / 100
        try container.encode(rounded == 0 ? 0 : rounded)
    }
}

extension RGBColor {
    /// `#rrggbb`.
    var hex: String {
        let (r, g, b) = bytes
        return String(format: "#%02x%02x%02x", r, g, b)
    }
}
