import RNNTrace

/// `data:` — what the network learns from. Which keys fit depends on the lesson's task
/// (docs/lesson-format.md lists them all).
public struct LessonData: Decodable, Sendable, Equatable {
    /// next-char: the text itself.
    public var text: String?
    /// next-char: a text file, relative to the lesson file.
    public var textFile: String?
    /// next-char: the length of the sliding windows (none: the whole text is one sequence, for a
    /// text of up to `CharacterDataset.longestSequence` characters);
    /// regression: the number of rows each forecast reads.
    public var window: Int?
    /// next-char, regression: the fraction held out at the end of the training data, whose loss
    /// is reported beside the training loss.
    public var validation: Double?
    /// regression: the CSV file, relative to the lesson file.
    public var csv: String?
    /// regression: the columns the network reads, by header name or 1-based number (default:
    /// every column of numbers).
    public var columns: [String]?
    /// regression: the column to forecast, by header name or 1-based number; it may or may not
    /// be one of `columns`.
    public var target: String?
    /// regression: whether the file lists the newest row first (reversed into time order).
    public var reverse: Bool?
    /// regression: the fraction of rows before the test rows (default 0.7); classify, generate: of
    /// the examples (default 0.8; of each label's examples when classifying), the rest held out.
    public var split: Double?
    /// regression: how columns are scaled (default `minmax`).
    public var scale: ScalingKind?
    /// regression: the CSV's field separator (default: detected).
    public var delimiter: CSVDelimiter?
    /// regression: whether the CSV's first line names the columns (default: detected).
    public var header: Bool?
    /// regression: what an empty cell means (default: an error naming its row and column).
    public var missing: MissingValues?
    /// regression: the target's unit, for figures and the result line ("$", "°C"; default none).
    public var unit: String?
    /// regression: what one row of the series is ("day", "hour"; default "row").
    public var period: String?
    /// seq2seq: the dialog file of `question<TAB>answer` lines, relative to the lesson file.
    public var dialogs: String?
    /// seq2seq: a chat log, every line answered by the next, relative to the lesson file.
    public var chatLog: String?
    /// regression, classify: data generated from the seed instead of read (`adding`, `remember`).
    public var generate: GeneratedData?
    /// generated: the length of every sequence (`length: 50`), or for seq2seq strings the range
    /// their lengths are drawn from (`length: [3, 20]`).
    public var length: ClosedRange<Int>?
    /// remember: how many symbols the first step is drawn from (chance is one in this many).
    public var symbols: Int?
    /// generated: a fixed training set of this many sequences, reused every pass; without it
    /// every iteration draws fresh sequences.
    public var examples: Int?
    /// generated: how many held-out sequences the test metric is measured on.
    public var testExamples: Int?
    /// classify: a file of `text<TAB>label` lines; generate: of `input<TAB>output` lines
    /// (relative to the lesson file).
    public var tsv: String?
    /// classify, generate: the held-out examples in a file of their own, instead of `split`.
    public var testTSV: String?
    /// classify: how a text is read — a word at a time (default) or a character at a time.
    public var tokens: TokenKind?
    /// classify: the labels a text can have, in the order the outputs name them.
    public var labels: [String]?
    /// generate: the token that ends every output; generation stops when the network writes it.
    public var end: String?

    static let keys = [
        "text", "text_file", "window", "validation", "csv", "columns", "target", "reverse", "split", "scale", "delimiter",
        "header", "missing", "unit", "period", "dialogs", "chat_log", "generate", "length", "symbols", "examples",
        "test_examples", "tsv", "test_tsv", "tokens", "labels", "end",
    ]

    /// The keys of generated data.
    static let generatedKeys = ["generate", "length", "symbols", "examples", "test_examples"]

    /// The keys of a CSV series.
    static let seriesKeys = [
        "csv", "columns", "target", "reverse", "window", "split", "scale", "validation", "delimiter", "header", "missing",
        "unit", "period",
    ]

    /// The keys each task accepts.
    static func keys(for task: LessonTask) -> [String] {
        switch task {
        case .nextCharacter: ["text", "text_file", "window", "validation"]
        case .regression: seriesKeys + generatedKeys
        case .classify: ["tsv", "test_tsv", "split", "tokens", "labels"] + generatedKeys
        case .generate: ["tsv", "test_tsv", "split", "end"]
        case .seq2seq: ["dialogs", "chat_log"] + generatedKeys
        }
    }

    /// The keys present in the file.
    var presentKeys: [String] {
        let values: [Any?] = [
            text, textFile, window, validation, csv, columns, target, reverse, split, scale, delimiter, header, missing,
            unit, period, dialogs, chatLog, generate, length, symbols, examples, testExamples, tsv, testTSV, tokens, labels,
            end,
        ]
        return zip(Self.keys, values).compactMap { $1 == nil ? nil : $0 }
    }

    /// The file named at `key` (`text_file`, `csv`, `tsv`, `test_tsv`, `dialogs`, `chat_log`), if given.
    func path(for key: String) -> String? {
        switch key {
        case "text_file": textFile
        case "csv": csv
        case "tsv": tsv
        case "test_tsv": testTSV
        case "dialogs": dialogs
        case "chat_log": chatLog
        default: nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.lessonSection(allowing: Self.keys)
        text = try c.decodeIfPresent(String.self, forKey: "text")
        textFile = try c.decodeIfPresent(String.self, forKey: "text_file")
        window = try c.integer("window", in: 1...Int.max, what: "a window length")
        validation = try c.positive("validation", maximum: 0.5, what: "a held-out fraction")
        csv = try c.decodeIfPresent(String.self, forKey: "csv")
        columns = try c.decodeIfPresent([String].self, forKey: "columns")
        target = try c.decodeIfPresent(String.self, forKey: "target")
        reverse = try c.decodeIfPresent(Bool.self, forKey: "reverse")
        split = try c.positive("split", maximum: 0.99, what: "a training fraction")
        scale = try c.choice(ScalingKind.self, "scale", what: "a scaling")
        delimiter = try c.delimiter("delimiter")
        header = try c.decodeIfPresent(Bool.self, forKey: "header")
        missing = try c.choice(MissingValues.self, "missing", what: "a way to treat empty cells")
        unit = try c.decodeIfPresent(String.self, forKey: "unit")
        period = try c.decodeIfPresent(String.self, forKey: "period")
        dialogs = try c.decodeIfPresent(String.self, forKey: "dialogs")
        chatLog = try c.decodeIfPresent(String.self, forKey: "chat_log")
        generate = try c.choice(GeneratedData.self, "generate", what: "generated data")
        length = try c.lengths("length", in: 1...GeneratedLimits.length)
        symbols = try c.integer("symbols", in: 2...GeneratedLimits.symbols, what: "a symbol count")
        examples = try c.integer("examples", in: 1...GeneratedLimits.examples, what: "a training-set size")
        testExamples = try c.integer("test_examples", in: 1...GeneratedLimits.examples, what: "a test-set size")
        tsv = try c.decodeIfPresent(String.self, forKey: "tsv")
        testTSV = try c.decodeIfPresent(String.self, forKey: "test_tsv")
        tokens = try c.choice(TokenKind.self, "tokens", what: "a kind of token")
        labels = try c.decodeIfPresent([String].self, forKey: "labels")
        end = try c.decodeIfPresent(String.self, forKey: "end")
        if let labels, labels.count < 2 || Set(labels).count != labels.count || labels.contains(where: \.isEmpty) {
            throw LessonFieldError(path: c.path("labels"), message: "expected a list of at least two distinct labels")
        }
        if let end, end.isEmpty {
            throw LessonFieldError(path: c.path("end"), message: "empty; expected the token that ends every output, such as \".\"")
        }
        if let text, text.count < 2 {
            throw LessonFieldError(path: c.path("text"), message: "\"\(text)\" is too short; expected at least 2 characters")
        }
        if let columns, columns.isEmpty || Set(columns).count != columns.count {
            throw LessonFieldError(path: c.path("columns"), message: "expected a list of distinct column names or numbers")
        }
        if let period, period.isEmpty || !period.allSatisfy(\.isLetter) {
            throw LessonFieldError(path: c.path("period"), message: "\"\(period)\" is not a period; expected a word such as day, hour or month")
        }
        for key in ["text_file", "csv", "tsv", "test_tsv", "dialogs", "chat_log"] where path(for: key)?.isEmpty == true {
            throw LessonFieldError(path: c.path(LessonKey(stringValue: key)), message: "empty; expected a file's path")
        }
    }
}

/// The width of each hidden state: a number, or `vocab` for the vocabulary's size.
public enum HiddenSize: Sendable, Equatable {
    /// A fixed width.
    case size(Int)
    /// As many units as the vocabulary has tokens (lab 12-2, 12-4).
    case vocabulary

    /// The width for a vocabulary of `count` tokens.
    public func resolved(vocabularySize count: Int) -> Int {
        switch self {
        case .size(let size): size
        case .vocabulary: count
        }
    }
}

/// `model:` — the network.
public struct LessonModel: Decodable, Sendable, Equatable {
    /// The recurrent cell.
    public var cell: CellKind
    /// The number of stacked layers (default 1).
    public var layers: Int
    /// The hidden width.
    public var hidden: HiddenSize
    /// seq2seq, classify: the embedding width (classify: words looked up as learned vectors
    /// of this width instead of one-hot).
    public var embedding: Int?
    /// seq2seq: the decoder's attention.
    public var attention: AttentionKind?
    /// LSTM: the forget gate's bias at initialisation (`b_ih` of f set to it, `b_hh` of f to 0),
    /// instead of PyTorch's random draw around 0. With 1 the forget gate starts mostly open
    /// (σ(1) ≈ 0.73), so the cell state — and the gradient — carries further back from the start
    /// (Gers et al. 2000; Jozefowicz et al. 2015).
    public var forgetBias: Double?
    /// seq2seq: whether the encoder reads the question both ways (`[h→ ; h←]`, Bahdanau et al.'s
    /// encoder; the decoder starts from a tanh bridge of both directions' last states).
    public var bidirectional: Bool?
    /// classify: where the output layer reads — the last step (default) or the mean of the steps.
    public var readout: ReadoutKind?

    static let keys = ["cell", "layers", "hidden", "embedding", "attention", "forget_bias", "bidirectional", "readout"]

    /// Creates a model section.
    public init(cell: CellKind, layers: Int = 1, hidden: HiddenSize, embedding: Int? = nil, attention: AttentionKind? = nil) {
        self.cell = cell
        self.layers = layers
        self.hidden = hidden
        self.embedding = embedding
        self.attention = attention
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.lessonSection(allowing: Self.keys)
        let needs = "a model needs cell and hidden"
        cell = try c.required("cell", needs: needs) { try c.choice(CellKind.self, $0, what: "a cell") }
        layers = try c.integer("layers", in: LessonLimits.layers, what: "a layer count") ?? 1
        guard c.contains("hidden") else { throw LessonFieldError(path: c.path("hidden"), message: "missing; \(needs)", anchor: .parent) }
        let sizes = "\(LessonLimits.describe(LessonLimits.hidden)) or vocab"
        if try c.decodeNil(forKey: "hidden") { throw LessonFieldError(path: c.path("hidden"), message: "empty; expected \(sizes)") }
        if let size = try? c.decode(Int.self, forKey: "hidden") {
            guard LessonLimits.hidden.contains(size) else {
                throw LessonFieldError(path: c.path("hidden"), message: "\(size) is not a hidden size; expected \(sizes)")
            }
            hidden = .size(size)
        } else {
            let text = (try? c.decode(String.self, forKey: "hidden")) ?? "?"
            guard text == "vocab" else {
                throw LessonFieldError(path: c.path("hidden"), message: "\(Excerpt.quoted(text)) is not a hidden size; expected a number or vocab")
            }
            hidden = .vocabulary
        }
        embedding = try c.integer("embedding", in: 1...4096, what: "an embedding size")
        attention = try c.choice(AttentionKind.self, "attention", what: "an attention")
        forgetBias = try c.decodeIfPresent(Double.self, forKey: "forget_bias")
        bidirectional = try c.decodeIfPresent(Bool.self, forKey: "bidirectional")
        readout = try c.choice(ReadoutKind.self, "readout", what: "a readout")
        if let forgetBias, !(-10...10).contains(forgetBias) {
            throw LessonFieldError(path: c.path("forget_bias"), message: "\(number(forgetBias)) is not a forget-gate bias; expected -10 to 10")
        }
        if forgetBias != nil && cell != .lstm {
            throw LessonFieldError(path: c.path("forget_bias"), message: "only an LSTM has a forget gate (this is \(cell.rawValue))", anchor: .key)
        }
    }
}

/// `train:` — how the network is trained. Every key has a default, and the section may be left out.
public struct LessonTraining: Decodable, Sendable, Equatable {
    /// The learning rate when the lesson gives none.
    public static let defaultLearningRate = 0.01
    /// The number of iterations when the lesson gives none.
    public static let defaultIterations = 200
    /// The seed when the lesson gives none.
    public static let defaultSeed: UInt64 = 777

    /// The optimizer (default adam).
    public var optimizer: OptimizerKind = .adam
    /// The step size (default 0.01).
    public var learningRate = Self.defaultLearningRate
    /// The number of optimizer steps (default 200).
    public var iterations = Self.defaultIterations
    /// The seed of every random draw (default 777).
    public var seed = Self.defaultSeed
    /// The loss, when the task allows a choice.
    public var loss: LossKind?
    /// The mini-batch size (default: every example in one batch up to `BatchPlan.fullBatchLimit`
    /// examples, else `BatchPlan.defaultSize`).
    public var batch: Int?
    /// The global gradient-norm limit.
    public var clip: Double?
    /// SGD momentum.
    public var momentum: Double?

    static let keys = ["optimizer", "learning_rate", "iterations", "seed", "loss", "batch", "clip", "momentum"]

    /// The defaults: Adam, learning rate 0.01, 200 iterations, seed 777.
    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.lessonSection(allowing: Self.keys)
        optimizer = try c.choice(OptimizerKind.self, "optimizer", what: "an optimizer") ?? .adam
        learningRate = try c.positive("learning_rate", maximum: LessonLimits.learningRate, what: "a learning rate") ?? Self.defaultLearningRate
        iterations = try c.integer("iterations", in: LessonLimits.iterations, what: "an iteration count") ?? Self.defaultIterations
        seed = try c.integer("seed", in: 0...Int.max, what: "a seed").map(UInt64.init) ?? Self.defaultSeed
        loss = try c.choice(LossKind.self, "loss", what: "a loss")
        batch = try c.integer("batch", in: 1...Int.max, what: "a batch size")
        clip = try c.positive("clip", what: "a gradient-norm limit")
        momentum = try c.decodeIfPresent(Double.self, forKey: "momentum")
        if let momentum, !(0..<1).contains(momentum) {
            throw LessonFieldError(path: c.path("momentum"), message: "\(number(momentum)) is not a momentum; expected 0 up to (not including) 1")
        }
    }
}

/// `show:` — what the figures show.
public struct LessonShow: Decodable, Sendable, Equatable {
    /// next-char: the text run through the model for the step-by-step figures;
    /// seq2seq: the question answered; classify: the sentence read; generate: the input given.
    public var input: String?
    /// regression: which test window is shown (0 = first; default the last).
    public var window: Int?
    /// The iterations whose predictions are kept (0 = before any update).
    public var snapshots: [Int]?
    /// next-char: the step T whose loss the gradient-flow figure carries back (default: the last).
    public var lossStep: Int?

    static let keys = ["input", "window", "snapshots", "loss_step"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.lessonSection(allowing: Self.keys)
        input = try c.decodeIfPresent(String.self, forKey: "input")
        window = try c.integer("window", in: 0...Int.max, what: "a test window")
        snapshots = try c.decodeIfPresent([Int].self, forKey: "snapshots")
        lossStep = try c.integer("loss_step", in: 0...Int.max, what: "a step")
        if let snapshots, snapshots.contains(where: { $0 < 0 }) {
            throw LessonFieldError(path: c.path("snapshots"), message: "expected iterations counted from 0")
        }
        if let input, input.isEmpty {
            throw LessonFieldError(path: c.path("input"), message: "expected a non-empty text")
        }
        if let input, input.count > LessonLimits.shownSteps {
            throw LessonFieldError(path: c.path("input"), message: "\(input.count) characters; expected at most \(LessonLimits.shownSteps)")
        }
    }

    /// Nothing to show beyond the defaults.
    public init() {}
}
