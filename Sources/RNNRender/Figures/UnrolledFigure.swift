import RNNTrace

/// `unrolled`: the whole network unrolled over the shown input (a window when the input is long);
/// for seq2seq the encoder over the question, then the decoder writing the answer.
struct UnrolledFigure: Figure {
    let header: Header
    let network: UnrolledNetwork
    let room: Size

    init(trace: LessonTrace, room: Size = PageSize.natural.room) {
        self.room = room
        // The header first (two lines of key at most), then the network in the room left below it.
        let canvas = try? Document.measuringCanvas()
        let width = room.width - 2 * Layout.margin
        func header(notes: [String]) -> Header {
            let shown = Self.shownInput(trace)
            let full = trace.header("The network unrolled over \(shown)", key: ([Self.key(trace)] + notes).joined(separator: " · "))
            return canvas.map { full.fitted($0, contentWidth: 0, roomWidth: width).header } ?? full
        }
        var network = UnrolledNetwork(trace: trace, room: Self.networkRoom(room, header: header(notes: [])))
        let notes = [network.windowNote, network.unitsNote].compactMap { $0 }
        if !notes.isEmpty {
            network = UnrolledNetwork(trace: trace, room: Self.networkRoom(room, header: header(notes: notes)))
        }
        self.network = network
        self.header = header(notes: [network.windowNote, network.unitsNote].compactMap { $0 })
    }

    /// The room under `header` inside the margins.
    static func networkRoom(_ room: Size, header: Header) -> Size {
        Size(width: room.width - 2 * Layout.margin, height: room.height - 2 * Layout.margin - header.height)
    }

    /// “hihell”, or the question of a seq2seq trace.
    static func shownInput(_ trace: LessonTrace) -> String {
        let separator = trace.tokenLabels.contains { $0.count > 1 } ? " " : ""
        let text = trace.steps.map(\.inputToken).joined(separator: separator)
        return text.count <= 40 ? "“\(text)”" : "its \(trace.steps.count) input steps"
    }

    /// What the colours and marks mean, in the lesson's terms.
    static func key(_ trace: LessonTrace) -> String {
        if trace.decoder?.isEmpty == false {
            return "the encoder reads the question, its last state starts the decoder, which writes the answer word by word "
                + "(blue: the chosen word and its probability)"
        }
        if trace.isRegression {
            let features = trace.model.featureNames.isEmpty ? "" : " (\(trace.model.featureNames.joined(separator: ", ")))"
            let target = trace.forecast?.targetName ?? "value"
            return "red: each day's scaled features\(features), green: hidden states; blue: the predicted next \(target), "
                + "the target above it"
        }
        return "red inputs, green hidden states, blue outputs (the same tokens in every column); prediction ✓ right, ✗ wrong"
    }

    func size(_ canvas: Canvas) throws -> Size {
        let content = network.size(canvas)
        let (header, width) = header.fitted(canvas, contentWidth: content.width, roomWidth: room.width - 2 * Layout.margin)
        return Size(width: width + 2 * Layout.margin, height: header.height + content.height + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let (header, width) = header.fitted(canvas, contentWidth: network.size(canvas).width, roomWidth: room.width - 2 * Layout.margin)
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        try network.draw(canvas, x: Layout.margin, y: Layout.margin + header.height)
    }
}
