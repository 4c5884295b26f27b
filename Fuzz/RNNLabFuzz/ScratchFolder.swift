import Foundation

/// A fresh folder of this process for the files a target writes (inputs as files, lesson runs).
enum ScratchFolder {
    static func make() -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-fuzz-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
