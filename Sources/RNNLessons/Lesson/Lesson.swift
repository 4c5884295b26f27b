import RNNTrace

/// A lesson file: what to learn, which model, how to train, what to show (docs/lesson-format.md).
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
/// Only `task`, `data` and `model` are required: `name` defaults to the file's name (given to the
/// decoder as `Lesson.fileNameKey`), `title` to the name, `source` is optional and `train` has
/// defaults. Decoding checks every key and value and throws `LessonFieldError` naming the key
/// path; `LessonFile` adds the file, line and column.
public struct Lesson: Decodable, Sendable, Equatable {
    /// The short name, also the output folder's name.
    public var name: String
    /// A title for figures and the list.
    public var title: String
    /// Where the example comes from, if the lesson says.
    public var source: String?
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

    /// The decoder's `userInfo` key of the lesson file's name without extension, the lesson's
    /// name when the file gives none.
    public static let fileNameKey = CodingUserInfoKey(rawValue: "rnnlab.lessonFileName")!

    public init(from decoder: any Decoder) throws {
        let c = try decoder.lessonSection(allowing: Self.keys)
        let needs = "a lesson needs task, data and model"
        let written = try c.text("name", expected: "a name for the output folder, or no name: line for the file's name")
        name = written ?? Self.folderName(from: decoder.userInfo[Self.fileNameKey] as? String ?? "lesson")
        title = try c.text("title", expected: "a title for the figures, or no title: line for the name") ?? name
        source = try c.text("source", expected: "where the lesson comes from, or no source: line")
        task = try c.required("task", needs: needs) { try c.choice(LessonTask.self, $0, what: "a task") }
        data = try c.required(LessonData.self, "data", needs: needs)
        model = try c.required(LessonModel.self, "model", needs: needs)
        train = try c.decodeIfPresent(LessonTraining.self, forKey: "train") ?? LessonTraining()
        show = try c.decodeIfPresent(LessonShow.self, forKey: "show") ?? LessonShow()
        compare = try c.decodeIfPresent(LessonComparison.self, forKey: "compare")
        if written != nil { try validateName() }
        try validateForTask()
    }

    /// The characters a name may have: it names the output folder.
    private static let nameCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")

    /// A file's name made into a lesson name: every other character becomes `-`.
    static func folderName(from fileName: String) -> String {
        let name = String(fileName.map { nameCharacters.contains($0) ? $0 : "-" })
        return name.isEmpty || name.first == "." ? "lesson" + name : name
    }

    private func validateName() throws {
        guard !name.isEmpty, name.first != ".", name.allSatisfy(Self.nameCharacters.contains) else {
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
        case .regression where data.generate != nil, .classify where data.generate != nil:
            try validateGenerated()
        case .classify:
            try require(data.tsv != nil, "tsv", "a classify lesson needs tsv (text<TAB>label lines) and labels, or generate")
            try require(data.labels != nil, "labels", "a classify lesson on a file needs the labels its texts can have")
            try validateHeldOut()
        case .generate:
            try require(data.tsv != nil, "tsv", "a generate lesson needs tsv (input<TAB>output lines) and end")
            try require(
                data.end != nil, "end", "a generate lesson needs an end token, the token that ends every output (end: \".\")")
            try validateHeldOut()
        case .regression:
            try require(data.csv != nil, "csv", "a regression lesson needs csv, target and window (or generate)")
            try require(data.target != nil, "target", "a regression lesson needs csv, target and window")
            try require(data.window != nil, "window", "a regression lesson needs csv, target and window")
            if model.hidden == .vocabulary {
                throw LessonFieldError(path: ["model", "hidden"], message: "vocab needs a vocabulary, and a regression lesson has none; expected a number")
            }
        case .seq2seq where data.generate != nil:
            try validateGenerated()
        case .seq2seq:
            if data.dialogs != nil && data.chatLog != nil {
                throw LessonFieldError(
                    path: ["data", "chat_log"], message: "given together with dialogs; expected one of them (dialogs: question<TAB>answer lines, chat_log: a conversation)",
                    anchor: .key)
            }
            try require(data.dialogs != nil || data.chatLog != nil, "dialogs", "a seq2seq lesson needs dialogs or chat_log (or generate)")
        }
        let readsText = task == .classify && data.generate == nil
        for (key, present) in [("attention", model.attention != nil), ("bidirectional", model.bidirectional != nil)]
        where task != .seq2seq && present {
            throw LessonFieldError(path: ["model", key], message: "only for seq2seq lessons; expected cell, layers and hidden", anchor: .key)
        }
        if task != .seq2seq && !readsText && model.embedding != nil {
            throw LessonFieldError(
                path: ["model", "embedding"], message: "only for seq2seq lessons and classify lessons on a file; expected cell, layers and hidden",
                anchor: .key)
        }
        if !readsText && model.readout != nil {
            throw LessonFieldError(path: ["model", "readout"], message: "only for classify lessons on a file", anchor: .key)
        }
        if (task == .classify || task == .generate) && model.hidden == .vocabulary {
            throw LessonFieldError(path: ["model", "hidden"], message: "vocab is for next-char lessons; expected a number")
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
        if show.input != nil && (task == .regression || (data.generate != nil && task != .seq2seq)) {
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

    /// Checks that a classify or generate lesson holds out its test examples one way only.
    private func validateHeldOut() throws {
        if data.split != nil && data.testTSV != nil {
            throw LessonFieldError(path: ["data", "test_tsv"], message: "given together with split; expected one of them", anchor: .key)
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
        if data.symbols != nil && generate == .adding {
            throw LessonFieldError(
                path: ["data", "symbols"], message: "only for generate: remember, reverse, copy or sort", anchor: .key)
        }
        if let length = data.length {
            if task == .seq2seq {
                if length.upperBound > TransductionTask.longest {
                    throw LessonFieldError(
                        path: ["data", "length"],
                        message: "\(length.upperBound) is beyond the decoder's limit; expected lengths up to \(TransductionTask.longest)")
                }
            } else if length.count != 1 || length.lowerBound < 2 {
                let text = length.count == 1 ? "\(length.lowerBound)" : "[\(length.lowerBound), \(length.upperBound)]"
                throw LessonFieldError(
                    path: ["data", "length"],
                    message: "\(text) is not a length for \(generate.rawValue); expected one length from 2 to \(GeneratedLimits.length)")
            }
        }
        if model.hidden == .vocabulary {
            throw LessonFieldError(path: ["model", "hidden"], message: "vocab is for text lessons; expected a number")
        }
    }

    /// The lesson as its trace names it (no source: an empty one).
    public var info: LessonInfo { LessonInfo(name: name, title: title, source: source ?? "", task: task) }

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
