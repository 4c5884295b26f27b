import Foundation

/// The right to write one output folder (`OUT/NAME`), held by one writer at a time.
///
/// Between processes it is an advisory lock (`flock`) on the hidden file `OUT/.NAME.lock`, which
/// the system releases when the process ends in any way, even killed: a second `rnnlab` finds
/// the folder busy and says so at once instead of mixing its files with the first one's.
/// Within one process, a second writer of the same folder waits for the first (two lessons of
/// one `run` that write the same folder take turns).
final class FolderLock: @unchecked Sendable {
    /// The locked folder.
    let folder: URL
    private let lockFile: URL
    private var descriptor: Int32

    /// Takes the lock of `folder`, waiting for another writer of this process.
    ///
    /// - Throws: `FileError` naming the folder when another process writes it (with that
    ///   process's id) or when the lock file cannot be created beside it.
    init(_ folder: URL) throws {
        self.folder = folder.standardizedFileURL
        lockFile = self.folder.deletingLastPathComponent().appendingPathComponent(".\(self.folder.lastPathComponent).lock")
        Self.heldHere.acquire(self.folder.path)
        do {
            descriptor = try Self.lock(lockFile, for: self.folder)
        } catch {
            Self.heldHere.release(self.folder.path)
            throw error
        }
    }

    deinit { release() }

    /// Gives the lock up and removes the lock file (once; later calls do nothing).
    func release() {
        guard descriptor >= 0 else { return }
        unlink(lockFile.path)
        close(descriptor)
        descriptor = -1
        Self.heldHere.release(folder.path)
    }

    /// Opens and locks `file`, retrying when the file it locked was removed meanwhile by the
    /// writer before (whose lock then no longer guards the folder).
    private static func lock(_ file: URL, for folder: URL) throws -> Int32 {
        while true {
            let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw FileError(path: LessonFile.displayPath(folder), message: "cannot be written (\(FileError.reason(errno: errno)))")
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let holder = String(decoding: (try? FileHandle(fileDescriptor: descriptor).readToEnd()) ?? Data(), as: UTF8.self)
                close(descriptor)
                let process = Int(holder.trimmingCharacters(in: .whitespacesAndNewlines)).map { " (process \($0))" } ?? ""
                throw FileError(
                    path: LessonFile.displayPath(folder),
                    message: "busy: another rnnlab is writing this folder\(process); wait for it to finish, or write elsewhere with --out")
            }
            var opened = stat(), named = stat()
            if fstat(descriptor, &opened) == 0, stat(file.path, &named) == 0, opened.st_ino == named.st_ino, opened.st_dev == named.st_dev {
                let id = Array("\(getpid())\n".utf8)
                _ = ftruncate(descriptor, 0)
                _ = id.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
                return descriptor
            }
            close(descriptor)
        }
    }

    /// The folders whose lock this process holds, by path; a second writer waits its turn.
    private static let heldHere = HeldPaths()

    private final class HeldPaths: @unchecked Sendable {
        private let condition = NSCondition()
        private var paths: Set<String> = []

        func acquire(_ path: String) {
            condition.lock()
            while paths.contains(path) { condition.wait() }
            paths.insert(path)
            condition.unlock()
        }

        func release(_ path: String) {
            condition.lock()
            paths.remove(path)
            condition.broadcast()
            condition.unlock()
        }
    }
}
