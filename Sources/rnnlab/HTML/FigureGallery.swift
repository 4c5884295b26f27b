import Foundation
import RNNRender
import RNNTrace

/// Figures as a section of a page: each a PNG inside the page as a `data:` URI, with a heading
/// and a sentence saying what it shows.
struct FigureGallery {
    /// One figure, drawn.
    struct Item {
        /// The anchor (`figure-gates`).
        var id: String
        var heading: String
        var caption: String
        /// The PNG's bytes.
        var png: [UInt8]
        /// Its pixels per point: the image is laid out at its size in points.
        var scale: Double
    }

    var heading: String
    var items: [Item]

    /// Every figure that applies to `trace` (not the step frames: the page draws steps itself),
    /// drawn on every core at `scale` pixels per point.
    static func figures(of trace: LessonTrace, scale: Double) throws -> [Item] {
        let kinds = FigureRenderer.availableFigures(for: trace)
        let drawn = Concurrently.map(kinds) { try FigureRenderer.render($0, trace: trace, format: .png, scale: scale) }
        return try zip(kinds, drawn).map { kind, png in
            Item(id: "figure-\(kind.rawValue)", heading: Self.heading(kind), caption: Self.caption(kind), png: try png.get(), scale: scale)
        }
    }

    /// The section's markup.
    var html: String {
        var lines = ["<section id=\"figures\" aria-labelledby=\"figures-heading\">",
                     "<h2 id=\"figures-heading\">\(HTMLText.escape(heading))</h2>",
                     "<div class=\"gallery\">"]
        for item in items {
            let size = Self.pixelSize(ofPNG: item.png)
            let width = size.map { Int((Double($0.width) / item.scale).rounded()) } ?? 0
            let height = size.map { Int((Double($0.height) / item.scale).rounded()) } ?? 0
            lines += [
                "<figure id=\"\(item.id)\">",
                "<h3>\(HTMLText.escape(item.heading))</h3>",
                "<img src=\"data:image/png;base64,\(Data(item.png).base64EncodedString())\" width=\"\(width)\" height=\"\(height)\" "
                    + "alt=\"\(HTMLText.escape(item.heading)): \(HTMLText.escape(item.caption))\" decoding=\"async\">",
                "<figcaption>\(HTMLText.escape(item.caption))</figcaption>",
                "</figure>",
            ]
        }
        lines += ["</div>", "</section>"]
        return lines.joined(separator: "\n")
    }

    /// A figure's heading.
    static func heading(_ kind: FigureKind) -> String {
        switch kind {
        case .unrolled: "The unrolled network"
        case .hidden: "Hidden states"
        case .gates: "Gates"
        case .cell: "Inside one cell"
        case .predictions: "Predictions during training"
        case .loss: "Training loss"
        case .activations: "Activations on the text"
        case .gradientFlow: "Gradient flow back in time"
        case .attention: "Attention"
        case .forecast: "Forecast on the test rows"
        case .evidence: "The answer, word by word"
        case .confusion: "Right and wrong on the held-out texts"
        }
    }

    /// What a figure shows, in a sentence.
    static func caption(_ kind: FigureKind) -> String {
        switch kind {
        case .unrolled:
            "The network unrolled over the shown input, as the lecture draws it: inputs, hidden states with their values, "
                + "outputs with probabilities, target and prediction."
        case .hidden: "Every hidden unit (a row) at every step (a column), −1 to 1; for an LSTM the cell state too."
        case .gates: "The gates’ values, units × steps: σ gates from 0 to 1, the candidate from −1 to 1."
        case .cell: "The inside of one cell at one step, with its gate vectors drawn on it."
        case .predictions: "The prediction at each snapshot iteration, each token shaded by its probability."
        case .loss: "The training loss at every iteration, and when the prediction first became right."
        case .activations: "The text with each character’s background coloured by one hidden unit — the most telling few."
        case .gradientFlow:
            "How much the loss of one step T depends on each earlier hidden state (‖∂L_T/∂h_t‖, log scale), trained and at "
                + "initialisation: why plain RNNs forget and gated cells remember."
        case .attention: "Answer words × question words: where the decoder looked while writing each word."
        case .forecast: "True and predicted values on the test rows, beside the naive forecast (the last value again)."
        case .evidence: "After each word, the probability of each label had the sentence ended there: where the answer flips."
        case .confusion: "The held-out texts counted by true label (rows) and predicted label (columns); the diagonal is right."
        }
    }

    /// The width and height in a PNG's header, or `nil` for bytes that are not a PNG.
    static func pixelSize(ofPNG png: [UInt8]) -> (width: Int, height: Int)? {
        guard png.count >= 24, png[12..<16].elementsEqual("IHDR".utf8) else { return nil }
        func number(_ offset: Int) -> Int { png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }
}
