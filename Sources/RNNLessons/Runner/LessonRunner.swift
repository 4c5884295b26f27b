import Foundation
import RNNCore
import RNNTrace

/// What a finished lesson run produced.
public struct LessonOutcome {
    /// The trace, as written to `trace.json`.
    public let trace: LessonTrace
    /// The files written, in order: `trace.json`, `model.safetensors`, the snapshot checkpoints,
    /// then figures — where they are once the run's folder is in place.
    public internal(set) var files: [URL]
    /// The folder they are in: `OUT/NAME`, or with overrides `OUT/NAME-gru-h8` and the like
    /// (`LessonOverrides.folderName(for:)`).
    public let folder: URL
    /// Wall-clock seconds of the training loop alone.
    public let trainingSeconds: Double
    /// Wall-clock seconds of judging the network: its held-out losses and its final loss.
    public var evaluationSeconds = 0.0
    /// What the user should be told about the lesson's data, settings and training, one line
    /// each (a text read in windows, snapshots past the last iteration, a loss that grew a
    /// thousandfold).
    public var notes: [String] = []
    /// The overrides that changed the lesson, as command-line words ("" when none).
    public var overrides = ""
    /// The files of an earlier run that this run did not write again, and which its folder no
    /// longer holds (known once the run is committed).
    public internal(set) var removed: [URL] = []
}

/// Runs lessons: prepares the data, trains, evaluates, and writes `OUT/NAME/trace.json`,
/// `model.safetensors` and the weights at every snapshot iteration
/// (`snapshots/iteration-K.safetensors`); the caller draws the figures into the staged folder
/// (`stage`) before it takes the lesson's place. A run whose overrides change the
/// lesson writes its own folder (`OUT/NAME-gru-h8`), never the lesson's.
///
/// The folder holds one whole run: the files go into a fresh folder beside it, which takes its
/// place once everything is written (`FolderReplacement`), bringing along the files that are not
/// a run's (the user's own, saved frames, chat pictures). A diverged, failed, interrupted or
/// killed run leaves the previous folder as it was; a second process writing the same folder
/// meanwhile is told it is busy.
public struct LessonRunner {
    /// The folder that receives one folder per lesson.
    public var outputFolder: URL
    /// Settings replacing the lesson file's.
    public var overrides: LessonOverrides
    /// Whether a path inside a lesson's folder (`gates.svg`, `steps/step-03.png`) is a figure a
    /// run draws, whether or not this one draws figures: an earlier run's figures that this run
    /// does not draw again are not carried into its folder.
    public var isFigureFile: @Sendable (String) -> Bool

    /// Creates a runner.
    public init(
        outputFolder: URL, overrides: LessonOverrides = LessonOverrides(),
        isFigureFile: @escaping @Sendable (String) -> Bool = { _ in false }
    ) {
        self.outputFolder = outputFolder
        self.overrides = overrides
        self.isFigureFile = isFigureFile
    }

    /// Runs the lesson in `file`: trains, writes its files (no figures), and puts its folder in place.
    ///
    /// - Throws: `LessonError` (bad data), `TrainingDiverged`, `LessonInterrupted` (stopped by
    ///   `control`), `FileError` (writing, or the folder busy).
    public func run(_ file: LessonFile, control: RunControl = RunControl()) throws -> LessonOutcome {
        try stage(file, control: control).commit()
    }

    /// Trains the lesson in `file` and writes its trace, checkpoint and snapshots into a fresh
    /// folder, which takes the place of the lesson's folder on `StagedLesson.commit()` — after the
    /// caller has drawn the figures into it. The folder is taken (`FolderLock`) before training.
    ///
    /// - Throws: as `run`.
    public func stage(_ file: LessonFile, control: RunControl = RunControl()) throws -> StagedLesson {
        var file = file
        let changes = overrides.changing(file.lesson)
        let folder = self.folder(for: file.lesson)
        file.lesson = changes.applied(to: file.lesson)
        let replacement = try FolderReplacement(folder)
        let trained = try file.lesson.runner.train(file, control: control)
        if let value = NonFiniteValue.first(in: trained.trace) {
            throw LessonError("\(file.lesson.name): the trained network computes a value that is not finite (\(value)); \(TrainingDiverged.hint(learningRate: file.lesson.train.learningRate))")
        }
        var metadata = trained.metadata
        if !changes.description.isEmpty { metadata["overrides"] = changes.description }

        let fresh = replacement.fresh
        try AtomicFile.write(Self.encode(trained.trace), to: fresh.appendingPathComponent("trace.json"))
        try CheckpointFile.write(trained.tensors, metadata: metadata, to: fresh.appendingPathComponent("model.safetensors"))
        var files = [folder.appendingPathComponent("trace.json"), folder.appendingPathComponent("model.safetensors")]
        for (iteration, tensors) in trained.snapshotWeights.sorted(by: { $0.key < $1.key }) {
            var snapshotMetadata = metadata
            snapshotMetadata["iteration"] = String(iteration)
            try CheckpointFile.write(tensors, metadata: snapshotMetadata, to: Self.snapshotURL(in: fresh, iteration: iteration))
            files.append(Self.snapshotURL(in: folder, iteration: iteration))
        }
        var outcome = LessonOutcome(trace: trained.trace, files: files, folder: folder, trainingSeconds: trained.trainingSeconds)
        outcome.overrides = changes.description
        outcome.notes = trained.notes + Self.notes(for: file.lesson, losses: trained.trace.training.loss)
        outcome.evaluationSeconds = trained.evaluationSeconds
        let isRunFile = RunFiles(lesson: file.lesson.name, isFigureFile: isFigureFile)
        return StagedLesson(outcome: outcome, replacement: replacement, isRunFile: isRunFile.contains)
    }

    /// One line each about the lesson's settings and its training: snapshots past the last
    /// iteration, a loss that grew a thousandfold.
    private static func notes(for lesson: Lesson, losses: [Double]) -> [String] {
        var notes: [String] = []
        if let growth = LossGrowth(losses: losses, lesson: lesson) { notes.append(growth.description) }
        if !lesson.snapshotsPastTheEnd.isEmpty {
            let past = lesson.snapshotsPastTheEnd
            let named = past.count == 1 ? "snapshot \(past[0]) is" : "snapshots \(past.map(String.init).joined(separator: ", ")) are"
            notes.append(
                "\(lesson.name): \(named) past the last iteration (\(lesson.train.iterations)) and not taken; the snapshots are "
                    + lesson.snapshotIterations.map(String.init).joined(separator: ", "))
        }
        return notes
    }

    /// The folder the lesson's run writes: `OUT/NAME`, or, when the overrides change the lesson,
    /// a folder named after them (`OUT/hello-gru-h8`).
    public func folder(for lesson: Lesson) -> URL {
        outputFolder.appendingPathComponent(overrides.folderName(for: lesson))
    }

    /// The checkpoint of snapshot iteration `iteration` in a lesson's folder:
    /// `snapshots/iteration-K.safetensors`.
    public static func snapshotURL(in folder: URL, iteration: Int) -> URL {
        folder.appendingPathComponent("snapshots/iteration-\(iteration).safetensors")
    }

    /// The trace as JSON with sorted keys: the same run gives the same bytes.
    public static func encode(_ trace: LessonTrace) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(trace)) + [UInt8(ascii: "\n")]
    }
}

/// A lesson that has trained and whose files are being written into a fresh folder, not yet in
/// place of the lesson's folder: `commit()` puts it there whole, `discard()` (or dropping it)
/// leaves the lesson's folder as it was.
public final class StagedLesson: @unchecked Sendable {
    /// The run, its files named where they will be.
    public private(set) var outcome: LessonOutcome
    private let replacement: FolderReplacement
    private let isRunFile: (String) -> Bool

    init(outcome: LessonOutcome, replacement: FolderReplacement, isRunFile: @escaping (String) -> Bool) {
        self.outcome = outcome
        self.replacement = replacement
        self.isRunFile = isRunFile
    }

    /// Where the figures are to be written: the fresh folder.
    public var freshFolder: URL { replacement.fresh }

    /// Records `files`, written into `freshFolder` (figures, a page), as files of the run.
    public func add(_ files: [URL]) {
        outcome.files += files.map(replacement.finalURL(for:))
    }

    /// Puts the run's folder in place of the lesson's, carrying over the old folder's files that
    /// are not a run's, and returns the outcome with the earlier run's files it no longer has.
    public func commit() throws -> LessonOutcome {
        let dropped = try replacement.commit(carryingOver: { [isRunFile] in !isRunFile($0) })
        outcome.removed = dropped.map { outcome.folder.appendingPathComponent($0) }
        return outcome
    }

    /// Removes the fresh folder; the lesson's folder stays as it was.
    public func discard() { replacement.discard() }
}
