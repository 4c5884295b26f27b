import Foundation
import RNNTrace

/// A lesson's run as a page shows it: the trace `rnnlab run` wrote (training history, the final
/// network's steps, what the figures are drawn from), and the shown input traced through the
/// weights of each snapshot iteration, so that the steps can be seen as training went on.
public struct LessonTraces: Sendable {
    /// The run's trace, as in `trace.json`.
    public var trace: LessonTrace
    /// The shown input through the weights of each of `trace.snapshots`, in the same order.
    public var snapshots: [LessonTrace]

    /// Traces given as they are.
    public init(trace: LessonTrace, snapshots: [LessonTrace]) {
        self.trace = trace
        self.snapshots = snapshots
    }

    /// The traces of a run whose files are in `folder` (`OUT/NAME`): `trace` and the snapshot
    /// checkpoints `snapshots/iteration-K.safetensors` of its snapshot iterations, read as they
    /// are (right after `LessonRunner.run`, with or without overrides).
    ///
    /// - Throws: `CheckpointError` or `FileError` when a snapshot checkpoint is missing or
    ///   unreadable; `LessonError` when the lesson's data cannot be read.
    public init(trace: LessonTrace, file: LessonFile, folder: URL) throws {
        self.trace = trace
        snapshots = try trace.snapshots.map { snapshot in
            let url = LessonRunner.snapshotURL(in: folder, iteration: snapshot.iteration)
            let model = try LoadedModel.lesson(file, checkpoint: url, iteration: snapshot.iteration, folder: folder)
            return try model.trace(.lessonDefault).trace
        }
    }
}

extension LessonModelStore {
    /// The lesson's traces from `OUT/NAME`, the lesson trained first (told by `notice` in one
    /// line) when its trace, its model or a snapshot checkpoint is missing, when the trace is in
    /// an older format, or when the lesson file changed since it was trained.
    ///
    /// - Throws: `FileError` for a trace written by a newer rnnlab (it is left as it is), or what
    ///   training and reading throw.
    public func traces(for file: LessonFile, control: RunControl = RunControl()) throws -> LessonTraces {
        let folder = outputFolder.appendingPathComponent(file.lesson.name)
        let traceURL = folder.appendingPathComponent("trace.json")
        if let reason = try traceStaleness(traceURL, folder: folder) { try train(file, because: reason, control: control) }
        // Trains when the model is missing or the lesson file changed (rewriting the trace too).
        _ = try model(for: file, control: control)
        return try LessonTraces(trace: TraceFile.read(traceURL), file: file, folder: folder)
    }

    /// Why the trace in `url` cannot be shown as it is, or `nil` when it can.
    private func traceStaleness(_ url: URL, folder: URL) throws -> String? {
        let display = LessonFile.displayPath(url)
        guard FileManager.default.fileExists(atPath: url.path) else { return "no \(display) yet" }
        let current = LessonTrace.currentFormatVersion
        guard let version = TraceFile.formatVersion(of: url) else { return "\(display) cannot be read" }
        if version < current { return "\(display) is from an older rnnlab: trace format \(version), now \(current)" }
        let trace = try TraceFile.read(url)  // a newer format is an error: that trace is left alone
        for snapshot in trace.snapshots {
            let checkpoint = LessonRunner.snapshotURL(in: folder, iteration: snapshot.iteration)
            if !FileManager.default.fileExists(atPath: checkpoint.path) { return "no \(LessonFile.displayPath(checkpoint)) yet" }
        }
        return nil
    }
}
