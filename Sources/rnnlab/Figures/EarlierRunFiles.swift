import Foundation
import RNNLessons
import RNNRender

/// The files an earlier `rnnlab run` left in a lesson's folder: after a run, the folder holds
/// only that run's trace, model, snapshot checkpoints, figures and step frames.
///
/// Only the files a run writes are considered — `trace.json`, `model.safetensors`, the figures
/// in any format, `steps/step-NN.*` and `snapshots/iteration-K.safetensors` — so frames saved
/// with `s` (`saved/`), chat pictures (`chat/`) and files of the user's own stay.
enum EarlierRunFiles {
    /// Removes the run files in `folder` that are not among `written`, and returns them.
    @discardableResult
    static func remove(in folder: URL, keeping written: [URL]) -> [URL] {
        let kept = Set(written.map { $0.standardizedFileURL.path })
        let stale = runFiles(in: folder).filter { !kept.contains($0.standardizedFileURL.path) }
        return stale.filter { (try? FileManager.default.removeItem(at: $0)) != nil }
    }

    /// Every file in `folder` that a run writes.
    static func runFiles(in folder: URL) -> [URL] {
        let figures = Set(FigureKind.allCases.flatMap { figure in OutputFormat.allCases.map(figure.fileName) })
        let extensions = Set(OutputFormat.allCases.map(\.fileExtension))
        var files = names(in: folder)
            .filter { $0 == "trace.json" || $0 == "model.safetensors" || figures.contains($0) }
            .map { folder.appendingPathComponent($0) }
        let steps = folder.appendingPathComponent("steps")
        files += names(in: steps)
            .filter { $0.hasPrefix("step-") && extensions.contains(URL(fileURLWithPath: $0).pathExtension) }
            .map { steps.appendingPathComponent($0) }
        let snapshots = folder.appendingPathComponent("snapshots")
        files += names(in: snapshots)
            .filter { $0.hasPrefix("iteration-") && $0.hasSuffix(".safetensors") }
            .map { snapshots.appendingPathComponent($0) }
        return files
    }

    /// The names of the entries of `folder` (none when it does not exist).
    private static func names(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }
}
