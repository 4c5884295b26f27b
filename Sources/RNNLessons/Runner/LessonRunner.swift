import Foundation
import RNNCore

/// What a finished lesson run produced.
public struct LessonOutcome {
    /// The trace, as written to `trace.json`.
    public let trace: LessonTrace
    /// The files written, in order: `trace.json`, `model.safetensors`, the snapshot checkpoints,
    /// then figures.
    public let files: [URL]
    /// The folder they are in: `OUT/NAME`, or with overrides `OUT/NAME-gru-h8` and the like
    /// (`LessonOverrides.folderName(for:)`).
    public let folder: URL
    /// Wall-clock seconds of the training loop alone.
    public let trainingSeconds: Double
    /// What the user should be told about the lesson's settings, one line each (snapshots past
    /// the last iteration).
    public var notes: [String] = []
    /// The overrides that changed the lesson, as command-line words ("" when none).
    public var overrides = ""
}

/// Runs lessons: prepares the data, trains, evaluates, and writes `OUT/NAME/trace.json`,
/// `model.safetensors`, the weights at every snapshot iteration
/// (`snapshots/iteration-K.safetensors`) and the figures. A run whose overrides change the
/// lesson writes its own folder (`OUT/NAME-gru-h8`), never the lesson's.
///
/// Files are written only after training succeeded, each to a temporary name and renamed, so a
/// diverged or interrupted run leaves the previous output as it was.
public struct LessonRunner {
    /// The folder that receives one folder per lesson.
    public var outputFolder: URL
    /// Settings replacing the lesson file's.
    public var overrides: LessonOverrides
    /// Draws the figures; `nil` writes none.
    public var figures: (any FigureWriter)?

    /// Creates a runner.
    public init(outputFolder: URL, overrides: LessonOverrides = LessonOverrides(), figures: (any FigureWriter)? = nil) {
        self.outputFolder = outputFolder
        self.overrides = overrides
        self.figures = figures
    }

    /// Runs the lesson in `file`.
    ///
    /// - Throws: `LessonError` (bad data, divergence), `LessonInterrupted` (stopped by `control`), `FileError` (writing).
    public func run(_ file: LessonFile, control: RunControl = RunControl()) throws -> LessonOutcome {
        var file = file
        let changes = overrides.changing(file.lesson)
        let folder = self.folder(for: file.lesson)
        file.lesson = changes.applied(to: file.lesson)
        let trained = try file.lesson.runner.train(file, control: control)
        var metadata = trained.metadata
        if !changes.description.isEmpty { metadata["overrides"] = changes.description }

        let traceURL = folder.appendingPathComponent("trace.json")
        try AtomicFile.write(Self.encode(trained.trace), to: traceURL)
        let modelURL = folder.appendingPathComponent("model.safetensors")
        try CheckpointFile.write(trained.tensors, metadata: metadata, to: modelURL)
        var files = [traceURL, modelURL]
        for (iteration, tensors) in trained.snapshotWeights.sorted(by: { $0.key < $1.key }) {
            let url = Self.snapshotURL(in: folder, iteration: iteration)
            var snapshotMetadata = metadata
            snapshotMetadata["iteration"] = String(iteration)
            try CheckpointFile.write(tensors, metadata: snapshotMetadata, to: url)
            files.append(url)
        }
        if let figures { files += try figures.writeFigures(for: trained.trace, into: folder) }
        var outcome = LessonOutcome(trace: trained.trace, files: files, folder: folder, trainingSeconds: trained.trainingSeconds)
        outcome.overrides = changes.description
        let lesson = file.lesson
        if let growth = LossGrowth(losses: trained.trace.training.loss, lesson: lesson) { outcome.notes.append(growth.description) }
        if !lesson.snapshotsPastTheEnd.isEmpty {
            let past = lesson.snapshotsPastTheEnd
            let named = past.count == 1 ? "snapshot \(past[0]) is" : "snapshots \(past.map(String.init).joined(separator: ", ")) are"
            outcome.notes.append(
                "\(lesson.name): \(named) past the last iteration (\(lesson.train.iterations)) and not taken; the snapshots are "
                    + lesson.snapshotIterations.map(String.init).joined(separator: ", "))
        }
        return outcome
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
