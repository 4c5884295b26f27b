import Foundation
import RNNCore

/// A lesson as a self-contained PyTorch program (`rnnlab export LESSON --pytorch DIR`), for a
/// student who outgrows this machine: `train.py`, the lesson's settings (`lesson.json`), its data
/// and the order of its batches (`data.safetensors`), and the model's initial weights in
/// PyTorch's names (`initial.safetensors`). Run with PyTorch, the script trains the same model
/// on the same batches with the same optimizer and prints each iteration's loss as `rnnlab run`
/// numbers it; it saves what it trained as `model.safetensors`, which `rnnlab step LESSON
/// --model DIR/model.safetensors` reads back.
///
/// Lessons whose model is a recurrent stack reading one-hot or feature inputs and a linear layer
/// are exported: next-char (a text), regression (a CSV series, or the adding problem) and classify
/// on generated data (remember). Classify and generate lessons on a file, and seq2seq lessons,
/// are not yet.
public enum PyTorchExport {
    /// The files written into the folder, in order.
    public static let fileNames = ["train.py", "lesson.json", "data.safetensors", "initial.safetensors"]

    /// Writes the export of `file` into `folder` and returns the files written.
    ///
    /// - Throws: `LessonError` for a seq2seq lesson or data that cannot be read, `FileError` when
    ///   the folder cannot be written.
    public static func write(_ file: LessonFile, to folder: URL) throws -> [URL] {
        let export = try contents(of: file)
        let urls = fileNames.map { folder.appendingPathComponent($0) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try AtomicFile.write(PyTorchScript.text, to: urls[0])
        try AtomicFile.write(Array(try encoder.encode(export.settings)) + [UInt8(ascii: "\n")], to: urls[1])
        try AtomicFile.write(export.data.bytes, to: urls[2])
        try CheckpointFile.write(export.weights, metadata: ["format": "pt"], to: urls[3])
        return urls
    }

    /// What an export holds, before it is written.
    struct Contents {
        /// `lesson.json`.
        var settings: ExportedLesson
        /// `data.safetensors`.
        var data: ExportTensors
        /// `initial.safetensors`: the untrained model's weights.
        var weights: [(name: String, tensor: Tensor)]
    }

    /// The export of `file`, built as its runner builds the lesson's model and batches.
    static func contents(of file: LessonFile) throws -> Contents {
        let lesson = file.lesson
        if lesson.data.generate != nil {
            switch lesson.task {
            case .seq2seq: throw unsupported(lesson)
            default:
                switch MemoryTaskRunner.task(lesson) {
                case .adding(let task): return generated(task, file)
                case .remember(let task): return generated(task, file)
                }
            }
        }
        switch lesson.task {
        case .nextCharacter: return try text(file)
        case .regression: return try series(file)
        case .classify, .generate, .seq2seq: throw unsupported(lesson)
        }
    }

    private static func unsupported(_ lesson: Lesson) -> LessonError {
        LessonError(
            "\(lesson.name): a \(lesson.task.rawValue) lesson\(lesson.data.generate == nil ? " on a file" : "") cannot be exported yet; "
                + "expected a next-char or regression lesson, or one of generated adding or remember data")
    }

    /// A next-char lesson: the whole text as indices, each batch as the start of its windows.
    private static func text(_ file: LessonFile) throws -> Contents {
        let prepared = try NextCharacterRunner.prepare(file)
        let lesson = prepared.lesson, data = prepared.data
        var settings = ExportedLesson(lesson: lesson, setup: prepared.setup, vocabulary: data.vocabulary.tokens)
        settings.data = "text"
        settings.window = data.sequenceLength
        settings.examples = data.exampleCount
        settings.evaluationBatch = prepared.evaluationBatch
        var tensors = ExportTensors()
        tensors.add("text", indices: data.corpus.indices, shape: [data.corpus.count])
        add(schedule: prepared.batchPlan(), lesson: lesson, to: &tensors, settings: &settings)
        tensors.add("evaluated", integers: prepared.evaluated, shape: [prepared.evaluated.count])
        if let held = data.validation {
            settings.validationStart = held.range.lowerBound
            settings.validationLength = held.length
            settings.validationIterations = EvaluationSample.validationIterations(lesson.train.iterations)
            tensors.add("validated", integers: prepared.validated, shape: [prepared.validated.count])
        }
        return Contents(settings: settings, data: tensors, weights: prepared.setup.model.namedTensors)
    }

    /// A regression lesson on a CSV series: the scaled windows and targets, batches as indices.
    private static func series(_ file: LessonFile) throws -> Contents {
        let prepared = try RegressionRunner.prepare(file)
        let lesson = prepared.lesson, data = prepared.data
        var settings = ExportedLesson(lesson: lesson, setup: prepared.setup, vocabulary: [])
        settings.examples = data.train.count
        settings.evaluationBatch = prepared.batchSize
        settings.sumScale = prepared.batchSize
        var tensors = ExportTensors()
        add(windows: data.train, prefix: "", to: &tensors)
        add(schedule: prepared.batchPlan(), lesson: lesson, to: &tensors, settings: &settings)
        tensors.add("evaluated", integers: prepared.evaluated, shape: [prepared.evaluated.count])
        if let held = data.validation {
            add(windows: held, prefix: "validation_", to: &tensors)
            settings.validationIterations = EvaluationSample.validationIterations(lesson.train.iterations)
            tensors.add("validated", integers: prepared.validated, shape: [prepared.validated.count])
        }
        return Contents(settings: settings, data: tensors, weights: prepared.setup.model.namedTensors)
    }

    /// A generated lesson: every batch's sequences as drawn for training, one after another,
    /// then the sequences of the final loss.
    private static func generated<T: MemoryTask>(_ task: T, _ file: LessonFile) -> Contents {
        let lesson = file.lesson
        guard case .size(let hidden) = lesson.model.hidden else { preconditionFailure("checked when the lesson was read") }
        let setup = ModelSetup(
            lesson: lesson, inputSize: task.inputSize, outputSize: task.outputSize, hiddenSize: hidden, readout: .lastStep)
        var batches = MemoryTaskRunner.batches(task, lesson, setup: setup)
        var settings = ExportedLesson(lesson: lesson, setup: setup, vocabulary: task.vocabulary)
        let drawn = (0..<lesson.train.iterations).map { _ in batches.next() }
        let final = batches.finalExamples()
        let sequences = task.batch(drawn.flatMap { $0 } + final)
        settings.examples = sequences.batch
        settings.batch = batches.size
        settings.evaluationBatch = final.count
        settings.sumScale = final.count
        settings.finalIsNextBatch = batches.fixed == nil
        var tensors = ExportTensors()
        add(sequences, prefix: "", to: &tensors)
        var first = 0
        let schedule = drawn.flatMap { batch in
            defer { first += batch.count }
            return Array(first..<first + batch.count)
        }
        tensors.add("batches", integers: schedule, shape: [drawn.count, batches.size])
        tensors.add("evaluated", integers: Array(first..<first + final.count), shape: [final.count])
        return Contents(settings: settings, data: tensors, weights: setup.model.namedTensors)
    }

    /// The example indices of every iteration's batch (`batches`, `[iterations][batch]`), or
    /// none when every iteration trains on every example.
    private static func add(schedule: BatchPlan, lesson: Lesson, to tensors: inout ExportTensors, settings: inout ExportedLesson) {
        var plan = schedule
        settings.fullBatch = plan.isFullBatch
        settings.batch = plan.batchSize
        guard !plan.isFullBatch else { return }
        let order = (0..<lesson.train.iterations).flatMap { _ in plan.next() }
        tensors.add("batches", integers: order, shape: [lesson.train.iterations, plan.batchSize])
    }

    /// A series' windows as `PREFIXinputs` `[example][row][feature]` and `PREFIXtargets`.
    private static func add(windows: SeriesWindows, prefix: String, to tensors: inout ExportTensors) {
        let steps = windows.windows.first?.count ?? 0, features = windows.windows.first?.first?.count ?? 0
        tensors.add("\(prefix)inputs", floats: windows.windows.flatMap { $0.flatMap { $0 } }, shape: [windows.count, steps, features])
        tensors.add("\(prefix)targets", floats: windows.targets, shape: [windows.count])
    }

    /// A batch's sequences, batch first, as `PREFIXinputs` `[example][step][feature]` and
    /// `PREFIXtargets` (class indices or values).
    private static func add(_ batch: SequenceBatch, prefix: String, to tensors: inout ExportTensors) {
        let (steps, count, features) = (batch.steps, batch.batch, batch.features)
        var inputs = [Float](repeating: 0, count: steps * count * features)
        for t in 0..<steps {
            for b in 0..<count {
                for f in 0..<features { inputs[(b * steps + t) * features + f] = batch.input[(t * count + b) * features + f] }
            }
        }
        tensors.add("\(prefix)inputs", floats: inputs, shape: [count, steps, features])
        if batch.classes.isEmpty {
            tensors.add("\(prefix)targets", floats: (0..<batch.values.count).map { batch.values[$0] }, shape: [count])
        } else {
            tensors.add("\(prefix)targets", integers: batch.classes, shape: [count])
        }
    }
}

/// `lesson.json`: what the exported script needs to know of the lesson.
struct ExportedLesson: Encodable {
    var name: String
    var title: String
    var task: String
    var cell: String
    var layers: Int
    var hidden: Int
    var inputSize: Int
    var outputSize: Int
    /// `every-step` or `last-step`.
    var readout: String
    var optimizer: String
    var learningRate: Double
    var momentum: Double
    var clip: Double?
    /// `cross-entropy`, `sum-squared` or `mean-squared`.
    var loss: String
    var iterations: Int
    var seed: UInt64
    /// `text` (windows of `text` from their starts) or `windows` (`inputs`, `targets`).
    var data = "windows"
    /// text: the length of every window.
    var window: Int?
    /// The number of training examples.
    var examples = 0
    /// The examples of a training batch.
    var batch = 0
    /// Whether every iteration trains on every example (no `batches` tensor).
    var fullBatch = false
    /// The examples the final and validation losses read at a time.
    var evaluationBatch = 0
    /// Whether the final loss is measured on the next fresh batch (generated data): after fewer
    /// iterations than the lesson's, on the batch the next iteration would have trained on.
    var finalIsNextBatch = false
    /// What a summed squared error's mean is multiplied by to be reported as RNNLab reports it
    /// (the loss of a batch of that many examples).
    var sumScale = 1
    /// text: where the held-out text starts, and its windows' length.
    var validationStart: Int?
    var validationLength: Int?
    /// The iterations at which the held-out loss is measured.
    var validationIterations: [Int] = []
    /// The checkpoint metadata of what the script trains (`model.safetensors`).
    var metadata: [String: String]

    init(lesson: Lesson, setup: ModelSetup, vocabulary: [String]) {
        let shape = setup.model.shape
        name = lesson.name
        title = lesson.title
        task = lesson.task.rawValue
        cell = shape.cell.rawValue
        layers = shape.layers
        hidden = shape.hiddenSize
        inputSize = shape.inputSize
        outputSize = shape.outputSize
        readout = shape.readout.rawValue
        optimizer = lesson.train.optimizer.rawValue
        learningRate = lesson.train.learningRate
        momentum = lesson.train.momentum ?? 0
        clip = lesson.train.clip
        loss = lesson.loss.rawValue
        iterations = lesson.train.iterations
        seed = lesson.train.seed
        var metadata = [
            "format": "pt", "task": lesson.task.rawValue, "lesson": lesson.name, "vocabulary": ModelSetup.json(vocabulary),
            "cell": shape.cell.rawValue, "layers": String(shape.layers), "hidden": String(shape.hiddenSize),
            "readout": shape.readout.rawValue, "iterations": String(lesson.train.iterations), "trained": "PyTorch (rnnlab export)",
        ]
        if vocabulary.isEmpty { metadata["vocabulary"] = nil }
        self.metadata = metadata
    }
}
