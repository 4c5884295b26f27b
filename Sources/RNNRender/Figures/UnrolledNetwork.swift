import RNNTrace

/// The network unrolled over its steps, as the lecture draws it: input vectors (red), hidden
/// states per layer (green), output probabilities (blue), prediction and target on top, arrows
/// W_xh, W_hh, W_hy labelled once; later steps can be greyed out (step frames).
///
/// It is laid out for a room: columns in one row or in rows of equal length, the vectors as tall
/// as the room leaves; when the steps do not fit, a window of them around the chosen step (see
/// `windowNote`); a layer too wide to draw unit by unit shows the units that vary most.
///
/// A seq2seq trace also draws its decoder after the encoder (the whole figure, not step frames):
/// each decoder step's input word, its state strip and the word it writes, the encoder's last
/// state feeding the decoder's first, both groups bracketed and named.
struct UnrolledNetwork {
    let trace: LessonTrace
    /// Steps after this one are drawn empty (step frames); nil draws all.
    let filledUpTo: Int?
    /// A step outlined in the accent colour.
    let highlight: Int?
    /// The columns drawn, in order.
    let columnList: [Column]
    /// Whether every step with an output draws its softmax in a box.
    let outputBoxes: Bool
    /// Where the columns sit and how tall each part of a band is.
    let geometry: UnrolledGeometry

    /// One drawn column: an encoder (or only) step, or a seq2seq decoder step.
    enum Column: Equatable {
        case encoder(Int)
        case decoder(Int)
    }

    static let labelSize: Double = 11
    /// The size of the weight names (W_xh, W_hh, W_hy) and small notes.
    static let noteSize: Double = 11

    /// Lays the network out for `room` (the drawing's own width and height, colour bar included).
    ///
    /// - Parameters:
    ///   - focus: the step a window of a long input is centred on (the last when nil).
    ///   - filledUpTo: steps after this one are drawn empty (step frames, which draw no decoder).
    ///   - highlight: a step outlined.
    ///   - outputBoxes: whether the softmax is drawn in a box at every step (a step frame draws it beside).
    ///   - layerLimit: the most hidden layers drawn; a deeper stack draws its first and last.
    init(trace: LessonTrace, room: Size, focus: Int? = nil, filledUpTo: Int? = nil, highlight: Int? = nil, outputBoxes: Bool = true,
         layerLimit: Int = 3) {
        self.trace = trace
        self.filledUpTo = filledUpTo
        self.highlight = highlight
        self.outputBoxes = outputBoxes
        let showsDecoder = filledUpTo == nil && !(trace.decoder ?? []).isEmpty
        let all = trace.steps.indices.map(Column.encoder) + (showsDecoder ? (trace.decoder ?? []).indices.map(Column.decoder) : [])
        let fitting = UnrolledGeometry.Fitting(trace: trace, showsDecoder: showsDecoder, outputBoxes: outputBoxes, layerLimit: layerLimit)
        let chosen = fitting.fit(columns: all.count, room: room)
        let focusIndex = focus.flatMap { all.firstIndex(of: .encoder($0)) }
        let window = StepWindow.around(focusIndex, total: all.count, limit: chosen.columns)
        columnList = Array(all[window.range])
        geometry = fitting.geometry(columns: columnList, perRow: chosen.perRow, bandHeight: chosen.bandHeight, room: room)
    }

    /// Whether the decoder is drawn after the encoder (seq2seq, whole figure only).
    var showsDecoder: Bool { columnList.contains { if case .decoder = $0 { true } else { false } } }

    /// The steps of the shown input drawn.
    var encoderSteps: [Int] { columnList.compactMap { if case .encoder(let t) = $0 { t } else { nil } } }

    /// "steps t = 40…50 of 0…199", when not every column is drawn; `nil` otherwise.
    var windowNote: String? {
        let total = trace.steps.count + (showsDecoder || filledUpTo == nil ? trace.decoder?.count ?? 0 : 0)
        guard columnList.count < total else { return nil }
        let steps = encoderSteps
        var parts: [String] = []
        if let first = steps.first, let last = steps.last {
            parts.append("steps t = \(first)…\(last) of 0…\(trace.steps.count - 1)")
        }
        let decoded = columnList.compactMap { if case .decoder(let d) = $0 { d } else { nil } }
        if let first = decoded.first, let last = decoded.last, let count = trace.decoder?.count, decoded.count < count {
            parts.append("answer words \(first)…\(last) of 0…\(count - 1)")
        }
        return parts.joined(separator: ", ")
    }

    /// "h: 24 of 128 units, by variance · layers 0 and 7 of 0…7", when a layer is summarised or
    /// layers are left out; `nil` otherwise.
    var unitsNote: String? {
        let notes = [geometry.hiddenUnits.first(where: \.isSummary).map { "h: " + ($0.note ?? "") }, geometry.shownLayers.note]
        return notes.contains { $0 != nil } ? notes.compactMap { $0 }.joined(separator: " · ") : nil
    }

    /// The size of the drawing, colour bar included.
    func size(_ canvas: Canvas) -> Size { geometry.size(canvas) }
}
