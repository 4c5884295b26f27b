import RNNCore

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
            return trace.hasGates ? nil : "only LSTM and GRU cells have gates (this is \(trace.model.cell))"
        case .predictions:
            return trace.snapshots.isEmpty ? "the trace has no snapshot iterations" : nil
        case .loss:
            return trace.training.loss.isEmpty ? "the trace has no training loss" : nil
        case .activations:
            if !hasSteps { return "the trace has no time steps" }
            return trace.lesson.task == "regression" ? "activations colour text; this lesson's input is numbers" : nil
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

    /// Draws `figure` for `trace` and returns the file's bytes (PNG at `scale` pixels per point).
    public static func render(_ figure: FigureKind, trace: LessonTrace, format: OutputFormat, scale: Double = 2)
        throws -> [UInt8]
    {
        if let reason = unavailableReason(figure, trace: trace) {
            throw RenderError.notAvailable(figure: figure.rawValue, reason: reason)
        }
        return try make(figure, trace).render(format: format, scale: scale)
    }

    /// Draws step frame `t`: the unrolled network filled up to step `t`, with step `t` in detail.
    public static func renderStep(t: Int, trace: LessonTrace, format: OutputFormat, scale: Double = 2) throws -> [UInt8] {
        guard trace.steps.indices.contains(t) else {
            throw RenderError.invalidArgument("step \(t) (the trace has steps 0…\(trace.steps.count - 1))")
        }
        return try StepFigure(trace: trace, t: t).render(format: format, scale: scale)
    }

    /// The number of decoder step frames of `trace`: one per decoder step of the shown answer
    /// (none for a trace without a decoder).
    public static func decoderStepCount(for trace: LessonTrace) -> Int { trace.decoder?.count ?? 0 }

    /// Draws decoder step frame `t` of a seq2seq trace: the question with this step's attention
    /// weights, the answer so far with the word being written highlighted, the decoder state, the
    /// context vector and the likeliest next words.
    public static func renderDecoderStep(t: Int, trace: LessonTrace, format: OutputFormat, scale: Double = 2)
        throws -> [UInt8]
    {
        let count = decoderStepCount(for: trace)
        guard (0..<count).contains(t) else {
            throw RenderError.invalidArgument(
                count == 0 ? "decoder step \(t) (the trace has no decoder steps)"
                    : "decoder step \(t) (the trace has decoder steps 0…\(count - 1))")
        }
        return try DecoderStepFigure(trace: trace, t: t).render(format: format, scale: scale)
    }

    /// The logical size in points (before `scale`) of `figure` for `trace`.
    static func size(_ figure: FigureKind, trace: LessonTrace) throws -> (width: Double, height: Double) {
        let size = try make(figure, trace).size(try Document.measuringCanvas())
        return (size.width.rounded(.up), size.height.rounded(.up))
    }

    private static func make(_ figure: FigureKind, _ trace: LessonTrace) -> any Figure {
        switch figure {
        case .unrolled: UnrolledFigure(trace: trace)
        case .hidden: HiddenFigure(trace: trace)
        case .gates: GatesFigure(trace: trace)
        case .cell: CellFigure(trace: trace)
        case .predictions: PredictionsFigure(trace: trace)
        case .loss: LossFigure.make(trace)
        case .activations: ActivationsFigure(trace: trace)
        case .gradientFlow: GradientFlowFigure.make(trace)
        case .attention: AttentionFigure(trace: trace)
        case .forecast: ForecastFigure.make(trace, forecast: trace.forecast!)
        case .evidence: EvidenceFigure.make(trace, trace.classification!)
        case .confusion: ConfusionFigure(trace: trace, classification: trace.classification!, confusion: trace.classification!.confusion!)
        }
    }
}
