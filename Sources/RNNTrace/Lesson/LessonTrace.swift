/// Everything the figures of one lesson run are drawn from, saved as `trace.json`.
///
/// A trace holds plain values only: the model's description, the training history, the
/// predictions at snapshot iterations and, for every time step of the shown input, what the
/// network computed. Figures are redrawn from it without training again.
public struct LessonTrace: Codable, Sendable, Equatable {
    /// The format version this build writes and reads.
    public static let currentFormatVersion = 1
    /// The trace format's version; raised when fields change meaning.
    public var formatVersion: Int = LessonTrace.currentFormatVersion
    /// Which lesson ran.
    public var lesson: LessonInfo
    /// The model that was trained.
    public var model: ModelInfo
    /// The tokens the model reads and predicts, in index order (characters or words);
    /// empty for regression.
    public var vocabulary: [String]
    /// The loss after every optimizer step, and when the prediction first became right.
    public var training: TrainingHistory
    /// The prediction on the shown input at each snapshot iteration, in increasing order.
    public var snapshots: [Snapshot]
    /// The shown input, step by step, run through the final model.
    public var steps: [StepTrace]
    /// For seq2seq lessons: the decoder steps answering the shown question.
    public var decoder: [DecoderStepTrace]?
    /// For regression lessons: the test-set forecast.
    public var forecast: ForecastTrace?
    /// For seq2seq lessons on generated strings: a held-out string of a few lengths answered,
    /// with its attention.
    public var examples: [DecodedExample]?
    /// For classify lessons on text: the labels, the evidence word by word, the confusion matrix.
    public var classification: ClassificationTrace?
    /// For generate lessons: the input and the held-out outputs.
    public var generation: GenerationTrace?
    /// For character lessons: the training text read by the trained network, the units that vary most.
    public var text: TextActivations?
    /// The lesson's metrics (final loss, accuracy, RMSE…), by name.
    public var result: [String: Double]
    /// Which of `result` says best how well the network does, with its baseline.
    public var metric: HeadlineMetric?
    /// The loss of one output step carried back through time (`gradient-flow` figure).
    public var gradientFlow: GradientFlowTrace?
    /// The lesson's outcome in words ("predicted ihello"), for titles and the console.
    public var summary: String
    /// The iteration whose network the steps, the decoder and the gradient flow show, when it is
    /// not the trained one (a frame of `rnnlab animate`); `nil` for the trained network.
    public var shownIteration: Int?

    /// Creates a trace.
    public init(
        lesson: LessonInfo, model: ModelInfo, vocabulary: [String], training: TrainingHistory,
        snapshots: [Snapshot], steps: [StepTrace], decoder: [DecoderStepTrace]? = nil,
        forecast: ForecastTrace? = nil, result: [String: Double], metric: HeadlineMetric? = nil,
        gradientFlow: GradientFlowTrace? = nil, summary: String
    ) {
        self.lesson = lesson
        self.model = model
        self.vocabulary = vocabulary
        self.training = training
        self.snapshots = snapshots
        self.steps = steps
        self.decoder = decoder
        self.forecast = forecast
        self.result = result
        self.metric = metric
        self.gradientFlow = gradientFlow
        self.summary = summary
    }

    /// The gate names of the trace's cell, in the lecture's order (LSTM i f g o, GRU r z n;
    /// none for a plain RNN): the keys of every step's `gates`.
    public var gateNames: [String] { model.cell.gateNames }

    /// Whether the lesson predicts a number (`regression`): its outputs are values, not tokens.
    public var isRegression: Bool { lesson.task == .regression }

    /// Whether the lesson answers with an encoder–decoder (`seq2seq`): the steps are the
    /// encoder's, `decoder` the answer's.
    public var isSeq2Seq: Bool { lesson.task == .seq2seq }

    /// The names of the model's outputs, in index order: a classifier's labels, otherwise the
    /// vocabulary (the tokens a character or seq2seq model predicts).
    public var outputTokens: [String] { classification?.labels ?? vocabulary }

    /// The probabilities of `outputTokens` shown at step `t`: the model's output there, or for a
    /// classifier, which answers once at the end, the label probabilities had the input ended at `t`.
    public func probabilities(at t: Int) -> [Float]? {
        if let evidence = classification?.evidence, evidence.indices.contains(t) { return evidence[t] }
        return steps.indices.contains(t) ? steps[t].probabilities : nil
    }
}
