import RNNTrace

/// Draws a lesson's figures from its trace.
public enum FigureRenderer {
    /// The figures that make sense for `trace`, in catalog order.
    public static func availableFigures(for trace: LessonTrace) -> [FigureKind] {
        FigureKind.allCases.filter { unavailableReason($0, trace: trace) == nil }
    }

    /// Why `figure` cannot be drawn for `trace`, or nil when it can.
    public static func unavailableReason(_ figure: FigureKind, trace: LessonTrace) -> String? {
        let hasSteps = !trace.steps.isEmpty && trace.layerCount > 0
        switch figure {
        case .unrolled, .hidden, .cell:
            return hasSteps ? nil : "the trace has no time steps"
        case .gates:
            return trace.hasGates ? nil : "only LSTM and GRU cells have gates (this is \(trace.model.cell.rawValue))"
        case .predictions:
            return trace.snapshots.isEmpty ? "the trace has no snapshot iterations" : nil
        case .loss:
            return trace.training.loss.isEmpty ? "the trace has no training loss" : nil
        case .activations:
            if !hasSteps { return "the trace has no time steps" }
            return trace.isRegression ? "activations colour text; this lesson's input is numbers" : nil
        case .gradientFlow:
            return hasSteps && trace.steps.count >= 2 ? nil : "needs at least 2 time steps"
        case .attention:
            let attends = trace.decoder?.contains { $0.attention != nil } ?? false
            return attends ? nil : "only seq2seq models with attention have an attention matrix"
        case .forecast:
            return trace.forecast == nil ? "only regression lessons have a forecast" : nil
        case .evidence:
            return trace.classification?.evidence.isEmpty == false ? nil : "only classify lessons on text read word by word"
        case .confusion:
            return trace.classification?.confusion == nil ? "only classify lessons with held-out texts have a confusion matrix" : nil
        }
    }

    /// Draws `figure` for `trace` on `page` and returns the file's bytes (PNG at `scale` pixels per point).
    public static func render(
        _ figure: FigureKind, trace: LessonTrace, format: OutputFormat, scale: Double = 2, page: PageSize = .widescreen
    ) throws -> [UInt8] {
        try make(figure, trace, page: page).render(format: format, scale: scale, page: page)
    }

    /// Draws step frame `t`: the unrolled network filled up to step `t`, with step `t` in detail.
    public static func renderStep(
        t: Int, trace: LessonTrace, format: OutputFormat, scale: Double = 2, page: PageSize = .widescreen
    ) throws -> [UInt8] {
        try stepFigure(t: t, trace: trace, page: page).render(format: format, scale: scale, page: page)
    }

    /// Step frame `t` of `trace` laid out for `page`.
    static func stepFigure(t: Int, trace: LessonTrace, page: PageSize) throws -> any Figure {
        guard trace.steps.indices.contains(t) else {
            throw RenderError.invalidArgument("step \(t) (the trace has steps 0…\(trace.steps.count - 1))")
        }
        return StepFigure(trace: trace, t: t, room: page.room)
    }

    /// The number of decoder step frames of `trace`: one per decoder step of the shown answer
    /// (none for a trace without a decoder).
    public static func decoderStepCount(for trace: LessonTrace) -> Int { trace.decoder?.count ?? 0 }

    /// Draws decoder step frame `t` of a seq2seq trace: the question with this step's attention
    /// weights, the answer so far with the word being written highlighted, the decoder state, the
    /// context vector and the likeliest next words.
    public static func renderDecoderStep(
        t: Int, trace: LessonTrace, format: OutputFormat, scale: Double = 2, page: PageSize = .widescreen
    ) throws -> [UInt8] {
        let count = decoderStepCount(for: trace)
        guard (0..<count).contains(t) else {
            throw RenderError.invalidArgument(
                count == 0 ? "decoder step \(t) (the trace has no decoder steps)"
                    : "decoder step \(t) (the trace has decoder steps 0…\(count - 1))")
        }
        return try DecoderStepFigure(trace: trace, t: t, room: page.room).render(format: format, scale: scale, page: page)
    }

    /// The logical size in points (before `scale`) of `figure` for `trace` on `page`: the page's, or
    /// for `natural` the figure's own.
    static func size(_ figure: FigureKind, trace: LessonTrace, page: PageSize = .widescreen) throws -> (width: Double, height: Double) {
        if let points = page.points { return points }
        let size = try make(figure, trace, page: page).size(try Document.measuringCanvas())
        return (size.width.rounded(.up), size.height.rounded(.up))
    }

    /// `figure` of `trace` laid out for `page`.
    ///
    /// - Throws: `RenderError.notAvailable` when the trace does not have what the figure draws.
    static func make(_ figure: FigureKind, _ trace: LessonTrace, page: PageSize) throws -> any Figure {
        if let reason = unavailableReason(figure, trace: trace) {
            throw RenderError.notAvailable(figure: figure.rawValue, reason: reason)
        }
        return make(figure, trace, room: page.room)
    }

    /// `figure` of `trace` laid out for `room` (the trace must have what the figure draws).
    static func make(_ figure: FigureKind, _ trace: LessonTrace, room: Size) -> any Figure {
        switch figure {
        case .unrolled: UnrolledFigure(trace: trace, room: room)
        case .hidden: HiddenFigure(trace: trace, room: room)
        case .gates: GatesFigure(trace: trace, room: room)
        case .cell: CellFigure(trace: trace, room: room)
        case .predictions: PredictionsFigure(trace: trace, room: room)
        case .loss: LossFigure.make(trace, room: room)
        case .activations: ActivationsFigure(trace: trace, room: room)
        case .gradientFlow: GradientFlowFigure.make(trace, room: room)
        case .attention: AttentionFigure(trace: trace, room: room)
        case .forecast: ForecastFigure.make(trace, forecast: trace.forecast!, room: room)
        case .evidence: EvidenceFigure.make(trace, trace.classification!, room: room)
        case .confusion:
            ConfusionFigure(trace: trace, classification: trace.classification!, confusion: trace.classification!.confusion!, room: room)
        }
    }
}
