import Foundation
import RNNTrace

/// `inspect --json` and `inspect --csv`: every step's hidden states, cell states and gates for a
/// spreadsheet or numpy.
///
/// **JSON** — one object:
/// ```
/// { "lesson": "hello", "cell": "lstm", "layers": 1, "hiddenSize": 5, "gates": ["i","f","g","o"],
///   "tokens": ["h","i","h","e","l","l"],
///   "steps": [ { "t": 0, "input": "h", "prediction": "i", "target": "i",
///                "layers": [ { "layer": 0, "h": [5 floats], "c": [5 floats],
///                              "gates": { "i": [...], "f": [...], "g": [...], "o": [...] },
///                              "gradientFlow": 0.043 } ] }, … ],        // ‖∂L_T/∂h_t‖ for t ≤ lossStep
///   "lossStep": 5,
///   "decoder": [ { "t": 0, "input": "<sos>", "output": "i", "state": [...], "context": [...],
///                  "attention": [one weight per question token] }, … ]   // seq2seq only
/// }
/// ```
/// Layers and steps count from 0; `np.array([[l["h"] for l in s["layers"]] for s in doc["steps"]])`
/// has shape (steps, layers, hidden).
///
/// **CSV** — a header `step,token,layer,quantity,unit,value`, then one row per step × layer ×
/// quantity × unit; `quantity` is `h`, `c`, a gate name, or `gradient_flow` (‖∂L_T/∂h_t‖, the
/// loss of step T carried back, for t ≤ T; unit 0); all indices count from 0; values are written
/// in full precision. A seq2seq trace's decoder steps follow its encoder steps, numbered
/// on as `view` numbers them (with a 5-word question, decoder step 0 is step 5), `token` the word
/// fed in: quantity `s` (the decoder state) and `context` in the top layer, and `attention`, whose
/// `unit` is the question word attended to.
enum InspectExport {
    /// The JSON document.
    struct Document: Codable, Equatable {
        struct Layer: Codable, Equatable {
            var layer: Int
            var h: [Float]
            var c: [Float]?
            var gates: [String: [Float]]
            /// ‖∂L_T/∂h_t‖: the loss of step `lossStep` carried back to this step (t ≤ T).
            var gradientFlow: Float?
        }

        struct Step: Codable, Equatable {
            var t: Int
            var input: String
            var prediction: String?
            var target: String?
            var layers: [Layer]
        }

        struct DecoderStep: Codable, Equatable {
            var t: Int
            var input: String
            var output: String
            var state: [Float]
            var context: [Float]?
            var attention: [Float]?
        }

        var lesson: String
        var cell: String
        var layers: Int
        var hiddenSize: Int
        var gates: [String]
        var tokens: [String]
        var steps: [Step]
        var decoder: [DecoderStep]?
        /// T, the step whose loss `gradientFlow` carries back.
        var lossStep: Int?
    }

    /// The document for `trace`.
    static func document(_ trace: LessonTrace) -> Document {
        let steps = trace.steps.map { step in
            Document.Step(t: step.t, input: step.inputToken, prediction: step.prediction, target: step.target,
                          layers: step.layers.enumerated().map { k, layer in
                              Document.Layer(
                                  layer: k, h: layer.h, c: layer.c, gates: layer.gates,
                                  gradientFlow: trace.gradientFlow?.trainedNorm(layer: k, t: step.t))
                          })
        }
        let decoder = trace.decoder?.map {
            Document.DecoderStep(t: $0.t, input: $0.inputToken, output: $0.outputToken, state: $0.state,
                                 context: $0.context, attention: $0.attention)
        }
        return Document(lesson: trace.lesson.name, cell: trace.model.cell.rawValue, layers: trace.model.layers,
                        hiddenSize: trace.model.hiddenSize, gates: trace.gateNames,
                        tokens: trace.steps.map(\.inputToken), steps: steps, decoder: decoder,
                        lossStep: trace.gradientFlow?.outputStep)
    }

    /// The JSON text, keys sorted, pretty-printed.
    static func json(_ trace: LessonTrace) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document(trace)), as: UTF8.self) + "\n"
    }

    /// The CSV text with its header.
    static func csv(_ trace: LessonTrace) -> String {
        var lines = ["step,token,layer,quantity,unit,value"]
        let quantities = InspectQuantities(trace)
        for (t, step) in trace.steps.enumerated() {
            let token = field(step.inputToken)
            for series in quantities.series {
                for (unit, value) in series.values[t].enumerated() {
                    lines.append("\(t),\(token),\(series.layer),\(series.name),\(unit),\(value)")
                }
            }
            for k in step.layers.indices {
                if let norm = trace.gradientFlow?.trainedNorm(layer: k, t: t) {
                    lines.append("\(t),\(token),\(k),gradient_flow,0,\(norm)")
                }
            }
        }
        let top = max(trace.model.layers - 1, 0)
        for (k, step) in (trace.decoder ?? []).enumerated() {
            let position = trace.steps.count + k, token = field(step.inputToken)
            let quantities = [("s", step.state), ("context", step.context ?? []), ("attention", step.attention ?? [])]
            for (name, values) in quantities {
                for (unit, value) in values.enumerated() {
                    lines.append("\(position),\(token),\(top),\(name),\(unit),\(value)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, quote, line break or edge space.
    static func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0.isNewline } || text.first == " " || text.last == " "
            || text.isEmpty
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
