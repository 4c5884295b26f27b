import RNNCore

/// `data:` — what the network learns from. Which keys fit depends on the lesson's task.
public struct LessonData: Decodable, Sendable, Equatable {
    /// next-char: the text itself.
    public var text: String?
    /// next-char: a text file, relative to the lesson file.
    public var textFile: String?
    /// next-char: the length of the sliding windows (none: the whole text is one sequence);
    /// regression: the number of days each forecast reads.
    public var window: Int?
    /// regression: the CSV file, relative to the lesson file.
    public var csv: String?
    /// regression: the names of the CSV's columns to read, in the file's order or by its header.
    public var columns: [String]?
    /// regression: the column to forecast (one of `columns`).
    public var target: String?
    /// regression: whether the file lists the newest row first (reversed into time order).
    public var reverse: Bool?
    /// regression: the fraction of rows used for training (default 0.7).
    public var split: Double?
    /// regression: how columns are scaled (default `minmax`).
    public var scale: ScalingKind?
    /// seq2seq: the dialog file, relative to the lesson file.
    public var dialogs: String?
    /// regression, classify: data generated from the seed instead of read (`adding`, `remember`).
    public var generate: GeneratedData?
    /// generated: the length of every sequence.
    public var length: Int?
    /// remember: how many symbols the first step is drawn from (chance is one in this many).
    public var symbols: Int?
    /// generated: a fixed training set of this many sequences, reused every pass; without it
    /// every iteration draws fresh sequences.
    public var examples: Int?
    /// generated: how many held-out sequences the test metric is measured on.
    public var testExamples: Int?

    static let keys = [
        "text", "text_file", "window", "csv", "columns", "target", "reverse", "split", "scale", "dialogs", "generate",
        "length", "symbols", "examples", "test_examples",
    ]

    /// The keys of generated data.
    static let generatedKeys = ["generate", "length", "symbols", "examples", "test_examples"]

    /// The keys each task accepts.
    static func keys(for task: LessonTask) -> [String] {
        switch task {
        case .nextCharacter: ["text", "text_file", "window"]
        case .regression: ["csv", "columns", "target", "reverse", "window", "split", "scale"] + generatedKeys
        case .classify: generatedKeys
        case .seq2seq: ["dialogs"]
        }
    }

    /// The keys present in the file.
    var presentKeys: [String] {
        let values: [Any?] = [
            text, textFile, window, csv, columns, target, reverse, split, scale, dialogs, generate, length, symbols,
            examples, testExamples,
        ]
        return zip(Self.keys, values).compactMap { $1 == nil ? nil : $0 }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.lessonSection(allowing: Self.keys)
        text = try c.decodeIfPresent(String.self, forKey: "text")
        textFile = try c.decodeIfPresent(String.self, forKey: "text_file")
        window = try c.integer("window", in: 1...Int.max, what: "a window length")
        csv = try c.decodeIfPresent(String.self, forKey: "csv")
        columns = try c.decodeIfPresent([String].self, forKey: "columns")
        target = try c.decodeIfPresent(String.self, forKey: "target")
        reverse = try c.decodeIfPresent(Bool.self, forKey: "reverse")
        split = try c.positive("split", maximum: 0.99, what: "a training fraction")
        scale = try c.choice(ScalingKind.self, "scale", what: "a scaling")
        dialogs = try c.decodeIfPresent(String.self, forKey: "dialogs")
        generate = try c.choice(GeneratedData.self, "generate", what: "generated data")
        length = try c.integer("length", in: 2...GeneratedLimits.length, what: "a sequence length")
        symbols = try c.integer("symbols", in: 2...GeneratedLimits.symbols, what: "a symbol count")
        examples = try c.integer("examples", in: 1...GeneratedLimits.examples, what: "a training-set size")
        testExamples = try c.integer("test_examples", in: 1...GeneratedLimits.examples, what: "a test-set size")
        if let text, text.count < 2 {
            throw LessonFieldError(path: c.path("text"), message: "\"\(text)\" is too short; expected at least 2 characters")
        }
        if let columns, columns.isEmpty || Set(columns).count != columns.count {
            throw LessonFieldError(path: c.path("columns"), message: "expected a list of distinct column names")
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
    /// seq2seq: the embedding width.
    public var embedding: Int?
    /// seq2seq: the decoder's attention.
    public var attention: AttentionKind?
    /// LSTM: the forget gate's bias at initialisation (`b_ih` of f set to it, `b_hh` of f to 0),
    /// instead of PyTorch's random draw around 0. With 1 the forget gate starts mostly open
    /// (σ(1) ≈ 0.73), so the cell state — and the gradient — carries further back from the start
    /// (Gers et al. 2000; Jozefowicz et al. 2015).
    public var forgetBias: Double?

    static let keys = ["cell", "layers", "hidden", "embedding", "attention", "forget_bias"]

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
        if let forgetBias, !(-10...10).contains(forgetBias) {
            throw LessonFieldError(path: c.path("forget_bias"), message: "\(number(forgetBias)) is not a forget-gate bias; expected -10 to 10")
        }
        if forgetBias != nil && cell != .lstm {
            throw LessonFieldError(path: c.path("forget_bias"), message: "only an LSTM has a forget gate (this is \(cell.rawValue))", anchor: .key)
        }
    }
}

/// `train:` — how the network is trained.
public struct LessonTraining: Decodable, Sendable, Equatable {
    /// The optimizer (default adam).
    public var optimizer: OptimizerKind
    /// The step size.
    public var learningRate: Double
    /// The number of optimizer steps.
    public var iterations: Int
    /// The seed of every random draw (default 777).
    public var seed: UInt64
    /// The loss, when the task allows a choice.
    public var loss: LossKind?
    /// The mini-batch size (default: every example in one batch).
    public var batch: Int?
    /// The global gradient-norm limit.
    public var clip: Double?
    /// SGD momentum.
    public var momentum: Double?

    static let keys = ["optimizer", "learning_rate", "iterations", "seed", "loss", "batch", "clip", "momentum"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.lessonSection(allowing: Self.keys)
        let needs = "train needs learning_rate and iterations"
        optimizer = try c.choice(OptimizerKind.self, "optimizer", what: "an optimizer") ?? .adam
        learningRate = try c.required("learning_rate", needs: needs) {
            try c.positive($0, maximum: LessonLimits.learningRate, what: "a learning rate")
        }
        iterations = try c.required("iterations", needs: needs) {
            try c.integer($0, in: LessonLimits.iterations, what: "an iteration count")
        }
        seed = UInt64(try c.integer("seed", in: 0...Int.max, what: "a seed") ?? 777)
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
    /// seq2seq: the question answered.
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
