import RNNCore

/// A lesson file: what to learn, which model, how to train, what to show (DESIGN.md).
///
/// ```yaml
/// name: hello
/// title: "Teach hello: hihell -> ihello"
/// source: "lecture lab 12-1"
/// task: next-char
/// data: { text: "hihello" }
/// model: { cell: lstm, layers: 1, hidden: 5 }
/// train: { optimizer: adam, learning_rate: 0.1, iterations: 50, seed: 777 }
/// show:  { input: "hihell", snapshots: [0, 1, 6, 9, 49] }
/// ```
/// Decoding checks every key and value and throws `LessonFieldError` naming the key path;
/// `LessonFile` adds the file, line and column.
public struct Lesson: Decodable, Sendable, Equatable {
    /// The short name, also the output folder's name.
    public var name: String
    /// A title for figures and the list.
    public var title: String
    /// Where the example comes from.
    public var source: String
    /// What the network learns to do.
    public var task: LessonTask
    /// The data.
    public var data: LessonData
    /// The network.
    public var model: LessonModel
    /// The training settings.
    public var train: LessonTraining
    /// What the figures show.
    public var show: LessonShow
    /// The comparison `rnnlab compare` runs by default.
    public var compare: LessonComparison?

    static let keys = ["name", "title", "source", "task", "data", "model", "train", "show", "compare"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.lessonSection(allowing: Self.keys)
        let needs = "a lesson needs name, title, source, task, data, model and train"
        name = try c.required(String.self, "name", needs: needs)
        title = try c.required(String.self, "title", needs: needs)
        source = try c.required(String.self, "source", needs: needs)
        task = try c.required("task", needs: needs) { try c.choice(LessonTask.self, $0, what: "a task") }
        data = try c.required(LessonData.self, "data", needs: needs)
        model = try c.required(LessonModel.self, "model", needs: needs)
        train = try c.required(LessonTraining.self, "train", needs: needs)
        show = try c.decodeIfPresent(LessonShow.self, forKey: "show") ?? LessonShow()
        compare = try c.decodeIfPresent(LessonComparison.self, forKey: "compare")
        try validateName()
        try validateForTask()
    }

    private func validateName() throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        guard !name.isEmpty, name.first != ".", name.allSatisfy(allowed.contains) else {
            throw LessonFieldError(
                path: ["name"], message: "\"\(name)\" cannot name a folder; expected letters, digits, '-', '_' or '.'")
        }
    }

    /// Checks the keys and values that depend on the task.
    private func validateForTask() throws {
        let allowed = LessonData.keys(for: task)
        for key in data.presentKeys where !allowed.contains(key) {
            throw LessonFieldError(
                path: ["data", key], message: "not used by a \(task.rawValue) lesson; expected \(listing(allowed))", anchor: .key)
        }
        func require(_ present: Bool, _ key: String, _ what: String) throws {
            if !present { throw LessonFieldError(path: ["data", key], message: "missing; \(what)", anchor: .parent) }
        }
        switch task {
        case .nextCharacter:
            if data.text != nil && data.textFile != nil {
                throw LessonFieldError(path: ["data", "text_file"], message: "given together with text; expected one of them", anchor: .key)
            }
            try require(data.text != nil || data.textFile != nil, "text", "a next-char lesson needs text or text_file")
        case .regression where data.generate != nil, .classify:
            try validateGenerated()
        case .regression:
            try require(data.csv != nil, "csv", "a regression lesson needs csv, columns, target and window (or generate)")
            try require(data.columns != nil, "columns", "a regression lesson needs csv, columns, target and window")
            try require(data.target != nil, "target", "a regression lesson needs csv, columns, target and window")
            try require(data.window != nil, "window", "a regression lesson needs csv, columns, target and window")
            if let target = data.target, let columns = data.columns, !columns.contains(target) {
                throw LessonFieldError(path: ["data", "target"], message: "\"\(target)\" is not one of the columns; expected \(listing(columns))")
            }
            if model.hidden == .vocabulary {
                throw LessonFieldError(path: ["model", "hidden"], message: "vocab needs a vocabulary, and a regression lesson has none; expected a number")
            }
        case .seq2seq:
            try require(data.dialogs != nil, "dialogs", "a seq2seq lesson needs dialogs")
        }
        if task != .seq2seq {
            for (key, present) in [("embedding", model.embedding != nil), ("attention", model.attention != nil)] where present {
                throw LessonFieldError(path: ["model", key], message: "only for seq2seq lessons; expected cell, layers and hidden", anchor: .key)
            }
        }
        if let loss = train.loss, !LossKind.allowed(for: task).contains(loss) {
            let allowedLosses = LossKind.allowed(for: task).map(\.rawValue)
            throw LessonFieldError(
                path: ["train", "loss"], message: "\"\(loss.rawValue)\" does not fit a \(task.rawValue) lesson; expected \(listing(allowedLosses))")
        }
        if train.momentum != nil && train.optimizer != .sgd {
            throw LessonFieldError(path: ["train", "momentum"], message: "only for optimizer sgd", anchor: .key)
        }
        if show.window != nil && (task != .regression || data.generate != nil) {
            throw LessonFieldError(
                path: ["show", "window"], message: "only for regression lessons on a CSV file; expected input and snapshots", anchor: .key)
        }
        if show.input != nil && (task == .regression || data.generate != nil) {
            throw LessonFieldError(
                path: ["show", "input"], message: "not used by a lesson of numbers or generated data; the figures show a held-out example",
                anchor: .key)
        }
        if let lossStep = show.lossStep, task != .nextCharacter {
            throw LessonFieldError(
                path: ["show", "loss_step"], message: "\(lossStep): only a next-char lesson predicts at every step; its loss is at the last step",
                anchor: .key)
        }
    }

    /// Checks a lesson whose data is generated: the generator fits the task, and no key of
    /// another data source is given.
    private func validateGenerated() throws {
        guard let generate = data.generate else {
            throw LessonFieldError(
                path: ["data", "generate"], message: "missing; a \(task.rawValue) lesson needs generate (\(listing(GeneratedData.fitting(task).map(\.rawValue))))",
                anchor: .parent)
        }
        guard generate.task == task else {
            throw LessonFieldError(
                path: ["data", "generate"], message: "\(generate.rawValue) is a \(generate.task.rawValue) task; expected task: \(generate.task.rawValue), or generate: \(listing(GeneratedData.fitting(task).map(\.rawValue)))")
        }
        for key in data.presentKeys where !LessonData.generatedKeys.contains(key) {
            throw LessonFieldError(
                path: ["data", key], message: "not used with generated data; expected \(listing(LessonData.generatedKeys))", anchor: .key)
        }
        if data.symbols != nil && generate != .remember {
            throw LessonFieldError(path: ["data", "symbols"], message: "only for generate: remember", anchor: .key)
        }
        if model.hidden == .vocabulary {
            throw LessonFieldError(path: ["model", "hidden"], message: "vocab is for text lessons; expected a number")
        }
    }

    /// The loss this lesson minimises: the task's first, or for the generated adding problem
    /// the mean squared error (as Le et al. 2015 report it).
    public var loss: LossKind {
        if let loss = train.loss { return loss }
        return data.generate == .adding ? .meanSquared : LossKind.allowed(for: task)[0]
    }

    /// The snapshot iterations, sorted, without repeats: those of `show.snapshots` (by default 0, 1,
    /// 10 % and 50 % of the way) within `0...iterations`, and always the last, `iterations` — the
    /// trained network. Iteration k is the network after k optimizer steps.
    public var snapshotIterations: [Int] {
        let last = train.iterations
        let wanted = show.snapshots ?? [0, 1, last / 10, last / 2]
        return Array(Set(wanted.filter { $0 <= last } + [last])).sorted()
    }

    /// The iterations of `show.snapshots` past the last iteration, which are not taken.
    public var snapshotsPastTheEnd: [Int] { (show.snapshots ?? []).filter { $0 > train.iterations }.sorted() }
}
