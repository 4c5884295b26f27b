import Foundation

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

/// Which lesson a trace belongs to.
public struct LessonInfo: Codable, Sendable, Equatable {
    /// The lesson's short name (`hello`), also the output folder's name.
    public var name: String
    /// A title for figures ("Teach hello: hihell -> ihello").
    public var title: String
    /// Where the example comes from ("lecture lab 12-1").
    public var source: String
    /// `next-char`, `regression` or `seq2seq`.
    public var task: String

    /// Creates a lesson description.
    public init(name: String, title: String, source: String, task: String) {
        self.name = name
        self.title = title
        self.source = source
        self.task = task
    }
}

/// The shape of a trained model.
public struct ModelInfo: Codable, Sendable, Equatable {
    /// `rnn`, `lstm` or `gru`.
    public var cell: String
    /// The number of stacked recurrent layers.
    public var layers: Int
    /// The width of each hidden state.
    public var hiddenSize: Int
    /// The width of each input vector (vocabulary size for one-hot input).
    public var inputSize: Int
    /// The width of each output vector.
    public var outputSize: Int
    /// The names of the input features (regression), else empty.
    public var featureNames: [String]
    /// The embedding width of a seq2seq model.
    public var embeddingSize: Int?
    /// Whether a seq2seq decoder attends to the encoder (`bahdanau`) or not (`none`).
    public var attention: String?
    /// Whether a seq2seq encoder reads the question both ways.
    public var bidirectional: Bool?
    /// The number of trainable parameters.
    public var parameterCount: Int

    /// Creates a model description.
    public init(
        cell: String, layers: Int, hiddenSize: Int, inputSize: Int, outputSize: Int,
        featureNames: [String] = [], embeddingSize: Int? = nil, attention: String? = nil,
        parameterCount: Int
    ) {
        self.cell = cell
        self.layers = layers
        self.hiddenSize = hiddenSize
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.featureNames = featureNames
        self.embeddingSize = embeddingSize
        self.attention = attention
        self.parameterCount = parameterCount
    }

    /// "LSTM, 1 layer, hidden 5" — for subtitles.
    public var caption: String {
        var text = "\(cell.uppercased()), \(layers) layer\(layers == 1 ? "" : "s"), hidden \(hiddenSize)"
        if let embeddingSize { text += ", embedding \(embeddingSize)" }
        if bidirectional == true { text += ", bidirectional encoder" }
        if let attention, attention != "none" { text += ", \(attention) attention" }
        return text
    }
}

/// The training loss over optimizer steps.
///
/// Iteration k is the network after k optimizer steps, from 0 (untrained) to N (trained): the
/// loss and the prediction have N + 1 entries, and the last loss is the final loss.
public struct TrainingHistory: Codable, Sendable, Equatable {
    /// The loss of each iteration 0…N, index = iteration: the loss step k + 1 computed before its
    /// update, and for N the trained network's loss on all the training data (the final loss).
    public var loss: [Double]
    /// The prediction on the shown input at each iteration 0…N, when the task predicts tokens.
    public var predictions: [String]?
    /// The first iteration from which on the prediction stayed right, if it became right.
    public var firstCorrectIteration: Int?
    /// The optimizer, learning rate and seed, for captions ("Adam, lr 0.1, seed 777").
    public var optimizer: String
    /// The loss on the data held out at the end of the training data (`data.validation`), at
    /// the iterations where it was measured.
    public var validation: ValidationHistory?

    /// Creates a history.
    public init(
        loss: [Double], predictions: [String]? = nil, firstCorrectIteration: Int? = nil, optimizer: String,
        validation: ValidationHistory? = nil
    ) {
        self.loss = loss
        self.predictions = predictions
        self.firstCorrectIteration = firstCorrectIteration
        self.optimizer = optimizer
        self.validation = validation
    }

    /// The number of optimizer steps, N: the last iteration's number (0 without a loss).
    public var iterations: Int { max(loss.count - 1, 0) }
}

/// The loss on held-out data during training, measured at some iterations (0 and the last
/// among them), beside the training loss.
public struct ValidationHistory: Codable, Sendable, Equatable {
    /// The iterations measured, increasing.
    public var iterations: [Int]
    /// The held-out loss at each of them.
    public var loss: [Double]

    /// Creates a history.
    public init(iterations: [Int], loss: [Double]) {
        self.iterations = iterations
        self.loss = loss
    }
}

/// The model's prediction on the shown input at one training iteration.
public struct Snapshot: Codable, Sendable, Equatable {
    /// The iteration: the number of optimizer steps taken (0 = before any update).
    public var iteration: Int
    /// The loss at that iteration.
    public var loss: Double
    /// The predicted token at each step.
    public var predicted: [String]
    /// The probability the model gave each predicted token.
    public var probability: [Float]
    /// Whether each predicted token equals the target.
    public var correct: [Bool]
    /// A name for the row instead of "iteration K" (a what-if's "before" and "after").
    public var label: String?

    /// Creates a snapshot.
    public init(iteration: Int, loss: Double, predicted: [String], probability: [Float], correct: [Bool], label: String? = nil) {
        self.iteration = iteration
        self.loss = loss
        self.predicted = predicted
        self.probability = probability
        self.correct = correct
        self.label = label
    }
}

/// What one recurrent layer computed at one time step.
public struct LayerStepTrace: Codable, Sendable, Equatable {
    /// The hidden state after the step, `h_t`.
    public var h: [Float]
    /// The LSTM cell state after the step, `c_t`.
    public var c: [Float]?
    /// Gate activations by name: LSTM `i f g o`, GRU `r z n`; absent for a plain RNN.
    public var gates: [String: [Float]]
    /// Gate pre-activations by the same names (for an RNN, `a` = the argument of tanh).
    public var preActivations: [String: [Float]]
    /// ‖∂L/∂h_t‖: how much the loss depends on this hidden state, from this step and all later ones.
    public var gradientNorm: Float

    /// Creates a layer step.
    public init(
        h: [Float], c: [Float]? = nil, gates: [String: [Float]] = [:], preActivations: [String: [Float]] = [:],
        gradientNorm: Float
    ) {
        self.h = h
        self.c = c
        self.gates = gates
        self.preActivations = preActivations
        self.gradientNorm = gradientNorm
    }
}

/// One time step of the shown input.
public struct StepTrace: Codable, Sendable, Equatable {
    /// The step's index, from 0.
    public var t: Int
    /// The input token ("h") or, for regression, a short label ("day 3").
    public var inputToken: String
    /// The input vector `x_t` (one-hot, features or embedding).
    public var x: [Float]
    /// Each layer's state after the step, bottom layer first.
    public var layers: [LayerStepTrace]
    /// The output layer's scores, when the model predicts at this step.
    public var logits: [Float]?
    /// softmax(logits).
    public var probabilities: [Float]?
    /// The predicted token (or value, formatted), when the model predicts at this step.
    public var prediction: String?
    /// The target token (or value), when there is one.
    public var target: String?

    /// Creates a step.
    public init(
        t: Int, inputToken: String, x: [Float], layers: [LayerStepTrace], logits: [Float]? = nil,
        probabilities: [Float]? = nil, prediction: String? = nil, target: String? = nil
    ) {
        self.t = t
        self.inputToken = inputToken
        self.x = x
        self.layers = layers
        self.logits = logits
        self.probabilities = probabilities
        self.prediction = prediction
        self.target = target
    }
}

/// One decoder step of a seq2seq answer.
public struct DecoderStepTrace: Codable, Sendable, Equatable {
    /// The step's index, from 0.
    public var t: Int
    /// The token fed in (`<sos>` first, then the previous output).
    public var inputToken: String
    /// The token chosen at this step.
    public var outputToken: String
    /// Attention over the source tokens (sums to 1), when the model attends.
    public var attention: [Float]?
    /// The decoder state after the step.
    public var state: [Float]
    /// The context vector `c_t`, when the model attends.
    public var context: [Float]?
    /// The most likely next tokens, most likely first.
    public var topTokens: [String]
    /// Their probabilities.
    public var topProbabilities: [Float]

    /// Creates a decoder step.
    public init(
        t: Int, inputToken: String, outputToken: String, attention: [Float]?, state: [Float],
        context: [Float]?, topTokens: [String], topProbabilities: [Float]
    ) {
        self.t = t
        self.inputToken = inputToken
        self.outputToken = outputToken
        self.attention = attention
        self.state = state
        self.context = context
        self.topTokens = topTokens
        self.topProbabilities = topProbabilities
    }
}

/// A regression lesson's forecast over its test rows ("days" for the stock lesson).
public struct ForecastTrace: Codable, Sendable, Equatable {
    /// The most test rows a trace keeps for the figure: the last ones (the errors are measured on all).
    public static let keptRows = 1_000

    /// What is forecast ("Close").
    public var targetName: String
    /// The unit of the unscaled values ("$", "°C"; empty for none).
    public var unit: String
    /// What one row of the series is ("day", "hour", "row"); `nil` in traces from before it was
    /// recorded, which were all of days.
    public var period: String?
    /// The index of each test row shown in the whole series (time order).
    public var dayIndex: [Int]
    /// The true values, unscaled.
    public var actual: [Double]
    /// The model's forecast, unscaled.
    public var predicted: [Double]
    /// The naive forecast "the next row = this row", unscaled.
    public var naive: [Double]
    /// The first row of the test period in the whole series (the train/test boundary).
    public var testStartDay: Int
    /// The number of rows in the whole series.
    public var totalDays: Int
    /// Root mean squared error of the model, on scaled values.
    public var rmseScaled: Double
    /// Root mean squared error of the naive forecast, on scaled values.
    public var naiveRmseScaled: Double
    /// Root mean squared error of the model, in `unit`.
    public var rmse: Double
    /// Root mean squared error of the naive forecast, in `unit`.
    public var naiveRmse: Double

    /// Creates a forecast.
    public init(
        targetName: String, unit: String, period: String? = nil, dayIndex: [Int], actual: [Double], predicted: [Double],
        naive: [Double], testStartDay: Int, totalDays: Int, rmseScaled: Double, naiveRmseScaled: Double,
        rmse: Double, naiveRmse: Double
    ) {
        self.targetName = targetName
        self.unit = unit
        self.period = period
        self.dayIndex = dayIndex
        self.actual = actual
        self.predicted = predicted
        self.naive = naive
        self.testStartDay = testStartDay
        self.totalDays = totalDays
        self.rmseScaled = rmseScaled
        self.naiveRmseScaled = naiveRmseScaled
        self.rmse = rmse
        self.naiveRmse = naiveRmse
    }

    /// What one row is: `period`, or "day" for older traces.
    public var periodName: String { period ?? "day" }

    /// `value` with two decimals in the unit: "$7.95" (a currency sign goes first), "7.95 °C", "7.95".
    public func format(_ value: Double) -> String {
        Self.format(value, unit: unit)
    }

    /// The naive forecast in words: "tomorrow = today" for days, else "next hour = this hour".
    public var naiveLabel: String { Self.naiveLabel(period: periodName) }

    /// "test days: RMSE $7.95 · naive “tomorrow = today” $7.97", in the lesson's unit and period.
    public var errorSummary: String {
        "test \(periodName)s: RMSE \(format(rmse)) · naive “\(naiveLabel)” \(format(naiveRmse))"
    }

    /// "The model reads day by day; it predicts Close after the last day (t = 6)."
    public func readingSentence(lastStep: Int) -> String {
        "The model reads \(periodName) by \(periodName); it predicts \(targetName) after the last \(periodName) (t = \(lastStep))."
    }

    /// `value` with two decimals in `unit` (see `format(_:)`).
    public static func format(_ value: Double, unit: String) -> String {
        let number = String(format: "%.2f", value)
        if unit.isEmpty { return number }
        return ["$", "£", "€", "¥"].contains(unit) ? unit + number : "\(number) \(unit)"
    }

    /// The naive forecast of a series of `period`s in words.
    public static func naiveLabel(period: String) -> String {
        period == "day" ? "tomorrow = today" : "next \(period) = this \(period)"
    }
}
