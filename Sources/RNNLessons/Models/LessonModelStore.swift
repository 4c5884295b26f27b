import Foundation

/// Finds a lesson's trained model in the output folder (`OUT/NAME/model.safetensors`, and
/// `OUT/NAME/snapshots/iteration-K.safetensors` for snapshot K), training the lesson first when
/// the checkpoint is missing or was trained from another version of the lesson file.
public struct LessonModelStore {
    /// The folder with one folder per lesson (`output`).
    public var outputFolder: URL
    /// Told, in one line, when a lesson is trained first.
    public var notice: (String) -> Void
    /// Whether a path inside a lesson's folder is a figure (`LessonRunner.isFigureFile`): a lesson
    /// trained first replaces its folder, and an earlier run's figures do not stay beside it.
    public var isFigureFile: @Sendable (String) -> Bool

    /// A store over `outputFolder`.
    public init(
        outputFolder: URL, notice: @escaping (String) -> Void = { _ in }, isFigureFile: @escaping @Sendable (String) -> Bool = { _ in false }
    ) {
        self.outputFolder = outputFolder
        self.notice = notice
        self.isFigureFile = isFigureFile
    }

    /// Trains the lesson, writing its folder anew (without figures), after telling why.
    func train(_ file: LessonFile, because reason: String, control: RunControl) throws {
        notice("\(file.lesson.name): training the lesson first (\(reason))")
        _ = try LessonRunner(outputFolder: outputFolder, isFigureFile: isFigureFile).run(file, control: control)
    }

    /// The lesson's model: the final weights, or those of snapshot `iteration`.
    ///
    /// - Throws: `LessonError` when `iteration` is not one of the lesson's snapshot iterations
    ///   (the message lists them), or what training or reading the checkpoint throws.
    public func model(for file: LessonFile, iteration: Int? = nil, control: RunControl = RunControl()) throws -> LoadedModel {
        let lesson = file.lesson
        if let iteration, !lesson.snapshotIterations.contains(iteration) {
            throw LessonError(
                "\(lesson.name): iteration \(iteration) is not a snapshot; the snapshot iterations are "
                    + lesson.snapshotIterations.map(String.init).joined(separator: ", "))
        }
        let folder = outputFolder.appendingPathComponent(lesson.name)
        let modelURL = folder.appendingPathComponent("model.safetensors")
        let wanted = iteration.map { LessonRunner.snapshotURL(in: folder, iteration: $0) } ?? modelURL
        if let reason = staleness(of: file, model: modelURL, wanted: wanted) { try train(file, because: reason, control: control) }
        return try LoadedModel.lesson(file, checkpoint: wanted, iteration: iteration, folder: folder)
    }

    /// Why the lesson must be trained again, or `nil` when its checkpoints are current.
    private func staleness(of file: LessonFile, model: URL, wanted: URL) -> String? {
        let display = LessonFile.displayPath(model)
        guard FileManager.default.fileExists(atPath: model.path) else { return "no \(display) yet" }
        guard let checkpoint = try? CheckpointFile.read(model) else { return "\(display) cannot be read" }
        guard checkpoint.metadata["lesson_hash"] == file.hash else { return "the lesson file changed since \(display) was trained" }
        guard FileManager.default.fileExists(atPath: wanted.path) else { return "no \(LessonFile.displayPath(wanted)) yet" }
        return nil
    }
}
