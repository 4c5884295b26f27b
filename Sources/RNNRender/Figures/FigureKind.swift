import RNNTrace

/// The figures drawn for a lesson; the raw value is the file name without extension.
public enum FigureKind: String, CaseIterable, Sendable {
    /// The network unrolled over the shown input, as the lecture draws it.
    case unrolled
    /// Hidden units × time heatmap per layer (and the LSTM cell state).
    case hidden
    /// Gate activations × time (LSTM i f g o, GRU r z n).
    case gates
    /// The inside of one cell at one step, gate vectors drawn on the schematic.
    case cell
    /// The prediction at each snapshot iteration.
    case predictions
    /// Training loss per iteration.
    case loss
    /// The text coloured by the most active hidden units (Karpathy's figure).
    case activations
    /// ‖∂L_T/∂h_t‖: one step's loss carried back through time, trained and at initialisation.
    case gradientFlow = "gradient-flow"
    /// Seq2seq attention: answer tokens × question tokens.
    case attention
    /// Regression forecast: true vs predicted values on the test rows.
    case forecast
    /// A classifier's label probabilities after each word of the shown sentence.
    case evidence
    /// A classifier's held-out confusion matrix, with counts.
    case confusion

    /// The file name with `format`'s extension ("hidden.png").
    public func fileName(_ format: OutputFormat) -> String { "\(rawValue).\(format.fileExtension)" }

    /// The file name of step frame `t` ("steps/step-03.png"). Frames are numbered as `view`
    /// numbers its positions: the input (encoder) steps first, then a seq2seq trace's decoder steps.
    public static func stepFileName(_ t: Int, format: OutputFormat) -> String {
        let number = t < 10 ? "0\(t)" : "\(t)"
        return "steps/step-\(number).\(format.fileExtension)"
    }

    /// The file name of decoder step frame `t`, numbered on after the input steps' frames
    /// (with a 5-word question, decoder step 0 is "steps/step-05.png").
    public static func decoderStepFileName(_ t: Int, trace: LessonTrace, format: OutputFormat) -> String {
        stepFileName(trace.steps.count + t, format: format)
    }
}
