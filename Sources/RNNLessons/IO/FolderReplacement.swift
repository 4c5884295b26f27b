import Foundation

/// Writes a folder whole: its files go into a fresh hidden folder beside it, which then takes
/// the folder's place, so that the folder holds one whole run or the one before — never a mix,
/// never half of one.
public enum FolderReplacement {
    /// Creates `folder` anew through `fill`, which writes the files into the folder it is given.
    /// If `fill` throws, the old folder stays as it was and the new one is removed.
    public static func write(_ folder: URL, fill: (URL) throws -> Void) throws {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let name = folder.lastPathComponent
        let fresh = parent.appendingPathComponent(".\(name).new-\(getpid())")
        let retired = parent.appendingPathComponent(".\(name).old-\(getpid())")
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? manager.removeItem(at: fresh)
            try manager.createDirectory(at: fresh, withIntermediateDirectories: false)
        } catch {
            throw FileError(path: folder.path, message: "cannot create the folder (\(error.localizedDescription))")
        }
        do {
            try fill(fresh)
        } catch {
            try? manager.removeItem(at: fresh)
            throw error
        }
        let hadOld = manager.fileExists(atPath: folder.path)
        if hadOld && rename(folder.path, retired.path) != 0 {
            try? manager.removeItem(at: fresh)
            throw FileError(path: folder.path, message: "cannot move the old folder aside (\(String(cString: strerror(errno))))")
        }
        guard rename(fresh.path, folder.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if hadOld { _ = rename(retired.path, folder.path) }
            try? manager.removeItem(at: fresh)
            throw FileError(path: folder.path, message: "cannot move the new folder into place (\(reason))")
        }
        if hadOld { try? manager.removeItem(at: retired) }
    }
}
