import Foundation

/// Writes a folder whole: its files go into a fresh hidden folder beside it (`.NAME.new-PID`),
/// which then takes the folder's place in one step, so that the folder holds one whole run or
/// the one before — never a mix, never half of one — whenever the process stops, even killed.
///
/// A replacement holds the folder's `FolderLock` from its start to its end: a second process
/// writing the same folder is told it is busy. What killed writers left beside the folder (their
/// fresh and retired folders) is removed when the next writer starts; temporary files (`.*.tmp`)
/// inside the old folder are never carried over.
public final class FolderReplacement: @unchecked Sendable {
    /// The folder replaced.
    public let folder: URL
    /// The fresh folder the new files are written into; it takes `folder`'s place on `commit`.
    public let fresh: URL
    private let lock: FolderLock
    private var finished = false

    /// Starts replacing `folder`: takes its lock, removes what killed writers left beside it, and
    /// creates the empty fresh folder.
    ///
    /// - Throws: `FileError` in one line naming the folder when another process writes it, when
    ///   a file stands where it should be, or when it cannot be written (read-only, full).
    public init(_ folder: URL) throws {
        self.folder = folder.standardizedFileURL
        let parent = self.folder.deletingLastPathComponent()
        try AtomicFile.createFolder(parent)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: self.folder.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw FileError(
                path: LessonFile.displayPath(self.folder), message: "is a file, not a folder; move it away or write elsewhere with --out")
        }
        lock = try FolderLock(self.folder)
        fresh = parent.appendingPathComponent(".\(self.folder.lastPathComponent).new-\(getpid())")
        do {
            Self.removeLeftovers(of: self.folder)
            try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: false)
        } catch {
            lock.release()
            throw FileError(path: LessonFile.displayPath(self.folder), message: "cannot be written (\(FileError.reason(of: error)))")
        }
    }

    deinit { discard() }

    /// Creates `folder` anew through `fill`, which writes the files into the folder it is given.
    /// If `fill` throws, the old folder stays as it was and the new one is removed.
    public static func write(_ folder: URL, fill: (URL) throws -> Void) throws {
        let replacement = try FolderReplacement(folder)
        defer { replacement.discard() }
        try fill(replacement.fresh)
        try replacement.commit()
    }

    /// Where `url`, a file inside `fresh`, will be once the fresh folder is in place.
    public func finalURL(for url: URL) -> URL {
        let path = url.standardizedFileURL.path
        guard path.hasPrefix(fresh.path + "/") else { return url }
        return folder.appendingPathComponent(String(path.dropFirst(fresh.path.count + 1)))
    }

    /// Puts the fresh folder in `folder`'s place, in one step, and releases the folder.
    ///
    /// First every file of the old folder that `carryOver` accepts (by its path inside the
    /// folder, `saved/frame-1.png`) and that the fresh folder does not hold is linked (or
    /// copied) into the fresh one, so that it stays.
    ///
    /// - Returns: the old folder's files that are neither carried over nor written again, by
    ///   their paths inside the folder, sorted: what the new folder no longer has.
    @discardableResult
    public func commit(carryingOver carryOver: (String) -> Bool = { _ in false }) throws -> [String] {
        precondition(!finished, "a folder replacement is committed once")
        let manager = FileManager.default
        var dropped: [String] = []
        do {
            if manager.fileExists(atPath: folder.path) {
                dropped = try FolderCarryOver.link(from: folder, into: fresh, accepting: carryOver)
                if try !DirectoryExchange.exchange(fresh, folder) {
                    try replaceInTwoSteps()
                }
            } else if rename(fresh.path, folder.path) != 0 {
                throw FileError(path: LessonFile.displayPath(folder), message: "cannot be written (\(FileError.reason(errno: errno)))")
            }
        } catch {
            discard()
            throw error as? FileError
                ?? FileError(path: LessonFile.displayPath(folder), message: "cannot be written (\(FileError.reason(of: error)))")
        }
        // After the exchange, `fresh` names the old folder.
        try? manager.removeItem(at: fresh)
        finished = true
        lock.release()
        return dropped
    }

    /// Gives up: removes the fresh folder and releases the folder, which stays as it was.
    /// Does nothing after `commit` or a first `discard`.
    public func discard() {
        guard !finished else { return }
        finished = true
        try? FileManager.default.removeItem(at: fresh)
        lock.release()
    }

    /// Where the system cannot swap two folders: the old folder is renamed aside, then the fresh
    /// one into place. A writer killed between the two leaves the old one aside, which the next
    /// writer puts back (`removeLeftovers`).
    private func replaceInTwoSteps() throws {
        let retired = Self.retiredName(of: folder, process: getpid())
        guard rename(folder.path, retired.path) == 0 else {
            throw FileError(path: LessonFile.displayPath(folder), message: "cannot be replaced (\(FileError.reason(errno: errno)))")
        }
        guard rename(fresh.path, folder.path) == 0 else {
            let reason = FileError.reason(errno: errno)
            _ = rename(retired.path, folder.path)
            throw FileError(path: LessonFile.displayPath(folder), message: "cannot be replaced (\(reason))")
        }
        _ = rename(retired.path, fresh.path)
    }

    private static func retiredName(of folder: URL, process: Int32) -> URL {
        folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).old-\(process)")
    }

    /// Removes the fresh and retired folders that writers of `folder` killed before their end
    /// left beside it (only a writer holding the folder's lock calls this, so none is in use);
    /// a retired folder whose replacement never came is put back first.
    private static func removeLeftovers(of folder: URL) {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let name = folder.lastPathComponent
        for entry in (try? manager.contentsOfDirectory(atPath: parent.path)) ?? [] {
            for kind in ["new", "old"] {
                let prefix = ".\(name).\(kind)-"
                guard entry.hasPrefix(prefix), !entry.dropFirst(prefix.count).isEmpty,
                    entry.dropFirst(prefix.count).allSatisfy(\.isNumber)
                else { continue }
                let leftover = parent.appendingPathComponent(entry)
                if kind == "old" && !manager.fileExists(atPath: folder.path) && rename(leftover.path, folder.path) == 0 { continue }
                try? manager.removeItem(at: leftover)
            }
        }
    }
}
