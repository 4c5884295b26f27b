import Foundation
import RNNLessons
import Testing

/// A folder replaced whole: what comes along from the old one, what killed writers left, and
/// the one-line errors of folders that cannot be written.
@Suite("Folder replacement")
struct FolderReplacementTests {
    /// Writes `files` (path → text) under `folder`.
    static func write(_ files: [String: String], in folder: URL) throws {
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Every file under `folder` (hidden ones too) with its text, and the empty folders.
    static func contents(of folder: URL) -> [String: String] {
        var result: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let path = walker?.nextObject() as? String {
            let url = folder.appendingPathComponent(path)
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            if !isFolder.boolValue {
                result[path] = String(decoding: FileManager.default.contents(atPath: url.path) ?? Data(), as: UTF8.self)
            } else if (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty == true {
                result[path + "/"] = ""
            }
        }
        return result
    }

    @Test("the new folder takes the old one's place with what the caller keeps; run files and temporary files of the old one go")
    func carryOver() throws {
        let root = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("hello")
        try Self.write(
            [
                "trace.json": "old", "gates.png": "old", "steps/step-09.png": "old", "saved/frame-1.png": "mine", "notes.txt": "mine",
                ".trace.json.4242.tmp": "half", "saved/.frame-2.png.4242.tmp": "half",
            ], in: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let replacement = try FolderReplacement(folder)
        try Self.write(["trace.json": "new", "steps/step-00.png": "new"], in: replacement.fresh)
        let runFiles: Set<String> = ["trace.json", "gates.png", "steps/step-09.png", "steps/step-00.png"]
        let dropped = try replacement.commit { !runFiles.contains($0) }
        #expect(dropped == ["gates.png", "steps/step-09.png"])
        #expect(
            Self.contents(of: folder) == [
                "trace.json": "new", "steps/step-00.png": "new", "saved/frame-1.png": "mine", "notes.txt": "mine", "empty/": "",
            ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["hello"])
    }

    @Test("a failed fill leaves the old folder as it was and nothing beside it")
    func failedFill() throws {
        let root = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("hello")
        try Self.write(["trace.json": "old"], in: folder)
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try FolderReplacement.write(folder) { fresh in
                try Self.write(["trace.json": "new"], in: fresh)
                throw Failure()
            }
        }
        #expect(Self.contents(of: folder) == ["trace.json": "old"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["hello"])
    }

    @Test("what killed writers left beside the folder is removed, and a folder moved aside and never replaced is put back")
    func leftovers() throws {
        let root = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("hello")
        // A writer killed while writing (its fresh folder) and one killed between moving the old
        // folder aside and the new one in (the old folder aside, none in place).
        try Self.write(["trace.json": "half"], in: root.appendingPathComponent(".hello.new-99999"))
        try Self.write(["trace.json": "old", "saved/frame-1.png": "mine"], in: root.appendingPathComponent(".hello.old-99998"))
        try Self.write(["trace.json": "another lesson's"], in: root.appendingPathComponent(".hello-rnn.new-99997"))
        try Data().write(to: root.appendingPathComponent(".hello.lock"))
        try FolderReplacement.write(folder) { fresh in try Self.write(["trace.json": "new"], in: fresh) }
        #expect(Self.contents(of: folder) == ["trace.json": "new"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [".hello-rnn.new-99997", "hello"])
        // Only the folder aside: it is put back before anything else.
        try FileManager.default.moveItem(at: folder, to: root.appendingPathComponent(".hello.old-99996"))
        let replacement = try FolderReplacement(folder)
        #expect(Self.contents(of: folder) == ["trace.json": "new"])
        replacement.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [".hello-rnn.new-99997", "hello"])
    }

    @Test("a file where the folder should be, or above it, is one line saying so")
    func fileInTheWay() throws {
        let root = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("x".utf8).write(to: root.appendingPathComponent("hello"))
        let folder = root.appendingPathComponent("hello")
        #expect(throws: FileError(path: folder.path, message: "is a file, not a folder; move it away or write elsewhere with --out")) {
            try FolderReplacement(folder)
        }
        #expect(throws: FileError(path: folder.path, message: "cannot create the folder (\(folder.path) is a file, not a folder)")) {
            try FolderReplacement(folder.appendingPathComponent("lesson"))
        }
    }

    @Test("Foundation's errors become the system's words, not an NSError dump")
    func reasons() {
        #expect(FileError.reason(of: CocoaError(.fileWriteVolumeReadOnly)) == "Read-only file system")
        #expect(FileError.reason(of: CocoaError(.fileWriteOutOfSpace)) == "No space left on device")
        let wrapped = NSError(
            domain: NSCocoaErrorDomain, code: 512, userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))])
        #expect(FileError.reason(of: wrapped) == "Permission denied")
        #expect(FileError.reason(of: POSIXError(.ENOSPC)) == "No space left on device")
    }
}
