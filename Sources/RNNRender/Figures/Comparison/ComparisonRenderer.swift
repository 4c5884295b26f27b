import RNNTrace

/// The figures of a comparison (`rnnlab compare`); the raw value is the file name without extension.
public enum ComparisonFigure: String, CaseIterable, Sendable {
    /// Every variant's loss curve.
    case loss
    /// The metric against the swept key.
    case sweep
    /// The last step's error carried back through time, per variant.
    case gradientFlow = "gradient-flow"
    /// Seq2seq on generated strings: exact match and token accuracy against input length.
    case length
    /// Seq2seq on generated strings: the attention on held-out strings of a few lengths.
    case attention

    /// The file name with `format`'s extension ("sweep.png").
    public func fileName(_ format: OutputFormat) -> String { "\(rawValue).\(format.fileExtension)" }

    /// The figures that can be drawn for `trace`: a sweep needs a numeric key with several
    /// values and a metric; the gradient flow needs runs that measured it.
    public static func available(for trace: ComparisonTrace) -> [ComparisonFigure] {
        allCases.filter { figure in
            switch figure {
            case .loss: !trace.runs.isEmpty
            case .sweep: trace.sweepKey != nil && trace.metric != nil
            case .gradientFlow: trace.runs.contains { $0.gradientFlow != nil }
            case .length: !LengthFigure.lengths(trace).isEmpty
            case .attention: ComparisonAttentionFigure.isAvailable(trace)
            }
        }
    }

    /// Draws this figure of `trace` on `page` and returns the file's bytes (PNG at `scale` pixels per point).
    public func render(_ trace: ComparisonTrace, format: OutputFormat, scale: Double = 2, page: PageSize = .widescreen) throws -> [UInt8] {
        try figure(trace, room: page.room).render(format: format, scale: scale, page: page)
    }

    /// This figure of `trace` laid out for `room`.
    func figure(_ trace: ComparisonTrace, room: Size) throws -> any Figure {
        guard Self.available(for: trace).contains(self) else {
            throw RenderError.notAvailable(figure: rawValue, reason: "the comparison has nothing this figure draws")
        }
        return switch self {
        case .loss: ComparisonLossFigure.make(trace, room: room)
        case .sweep: SweepFigure.make(trace, room: room)
        case .gradientFlow: ComparisonGradientFlowFigure.make(trace, room: room)
        case .length: LengthFigure.make(trace, room: room)
        case .attention: ComparisonAttentionFigure.make(trace, room: room)
        }
    }
}
