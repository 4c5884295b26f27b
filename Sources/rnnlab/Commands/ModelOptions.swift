import ArgumentParser
import Foundation
import RNNLessons

/// Which model a command works on: a lesson's (trained first when missing or out of date, the
/// final weights or a snapshot's), or a character model from a file (`--model`).
struct ModelOptions: ParsableArguments {
    @Argument(help: "A lesson's name or lesson file (with --model: whose model the file holds).")
    var lesson: String?

    @Option(name: .long, parsing: .unconditional, help: "Use the weights of snapshot iteration K (one of the lesson's show.snapshots).")
    var iteration: Int?

    @Option(name: .long, help: "Weights saved with PyTorch names (rnn.*, fc.*): a character model, or with a lesson, the lesson's model trained elsewhere (by its PyTorch export).")
    var model: String?

    @Option(name: .long, help: "The --model's vocabulary, each character a token (e.g. \"helo\").")
    var vocab: String?

    @Option(name: .long, help: "The --model's vocabulary, one token a line.")
    var vocabFile: String?

    @Option(name: .long, help: "The folder of the lessons' output, where trained models are kept.")
    var out = "output"

    @OptionGroup var folder: LessonsFolder

    func validate() throws {
        if model != nil && iteration != nil { throw ValidationError("--iteration is for lessons, not --model") }
        if (vocab != nil || vocabFile != nil) && (model == nil || lesson != nil) {
            throw ValidationError("--vocab and --vocab-file go with --model without a lesson")
        }
        if vocab != nil && vocabFile != nil { throw ValidationError("choose one of --vocab and --vocab-file") }
    }

    /// Loads the model; `defaultLesson` is used when neither a lesson nor `--model` is given.
    /// Training first is noted in one line on standard error.
    func load(defaultLesson: String? = nil) throws -> LoadedModel {
        if let model, let lesson {
            return try LoadedModel.lesson(LessonFile(contentsOf: folder.lessonURL(lesson)), weights: URL(fileURLWithPath: model))
        }
        if let model { return try LoadedModel.external(URL(fileURLWithPath: model), vocabulary: try vocabulary()) }
        guard let name = lesson ?? defaultLesson else { throw ValidationError("name a lesson, or pass --model FILE") }
        return try Self.lessonModel(name, folder: folder, out: out, iteration: iteration)
    }

    /// The model of lesson `name` from `out`, trained first when needed (noted on standard error).
    static func lessonModel(_ name: String, folder: LessonsFolder, out: String, iteration: Int? = nil) throws -> LoadedModel {
        let file = try LessonFile(contentsOf: folder.lessonURL(name))
        let store = LessonModelStore(outputFolder: URL(fileURLWithPath: out), notice: { Console.error($0) }, isFigureFile: FigureFileNames.contains)
        return try store.model(for: file, iteration: iteration)
    }

    /// The tokens of `--vocab` or `--vocab-file`, or `nil` (then the file's metadata gives them).
    private func vocabulary() throws -> [String]? {
        if let vocab { return vocab.map(String.init) }
        guard let vocabFile else { return nil }
        let bytes = try AtomicFile.read(URL(fileURLWithPath: vocabFile))
        var lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
    }
}
