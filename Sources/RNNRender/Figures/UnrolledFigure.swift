import RNNCore

/// `unrolled`: the whole network unrolled over the shown input (a window when the input is long);
/// for seq2seq the encoder over the question, then the decoder writing the answer.
struct UnrolledFigure: Figure {
    let header: Header
    let network: UnrolledNetwork

    init(trace: LessonTrace) {
        network = UnrolledNetwork(trace: trace, window: UnrolledNetwork.window(count: trace.steps.count))
        var description = Self.description(trace, network: network)
        if network.window.count < trace.steps.count {
            description = "Steps t = \(network.window.lowerBound)…\(network.window.upperBound - 1) of 0…\(trace.steps.count - 1) shown · " + description
        }
        header = trace.header(description)
    }

    /// What the drawing shows, in the lesson's terms.
    static func description(_ trace: LessonTrace, network: UnrolledNetwork) -> String {
        if network.showsDecoder {
            return "The encoder reads the question (red: word embeddings, green: hidden states) · its last state "
                + "starts the decoder, which writes the answer word by word (blue: chosen word, its probability)"
        }
        if trace.lesson.task == "regression" {
            let features = trace.model.featureNames.isEmpty ? "" : " (\(trace.model.featureNames.joined(separator: ", ")))"
            let target = trace.forecast?.targetName ?? "value"
            return "Unrolled over the input days: red = each day's scaled features\(features), green = hidden states; "
                + "blue = the linear output at the last step, the predicted next \(target), with the target above it"
        }
        return "Unrolled over the input: red inputs, green hidden states (values), blue outputs; prediction green = right, red = wrong"
    }

    func size(_ canvas: Canvas) throws -> Size {
        let content = network.size(canvas)
        let (header, width) = header.fitted(canvas, contentWidth: content.width)
        return Size(width: width + 2 * Layout.margin, height: header.height + content.height + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let (header, width) = header.fitted(canvas, contentWidth: network.size(canvas).width)
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        try network.draw(canvas, x: Layout.margin, y: Layout.margin + header.height)
    }
}
