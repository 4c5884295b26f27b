import Foundation

/// Writes `bytes` to `path` atomically: first to a temporary name in the same folder, then renamed,
/// so a reader never sees a half-written figure. Creates the folder if needed.
public func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        try Data(bytes).write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw RenderError.writeFailed(path: path, reason: reason)
        }
    } catch let error as RenderError {
        throw error
    } catch {
        throw RenderError.writeFailed(path: path, reason: error.localizedDescription)
    }
}
