import Foundation
import Testing

@testable import RNNLessons

/// Data files that are not files of text are named as such, in a few words.
@Suite("Data files")
struct DataFileTests {
    @Test("a missing file, a folder, a device and bytes that are not UTF-8 are each named")
    func problems() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: DataFileProblem.missing) { try DataFile.read(folder.appendingPathComponent("gone.txt")) }
        #expect(throws: DataFileProblem.folder) { try DataFile.read(folder) }
        #expect(throws: DataFileProblem.notRegular) { try DataFile.read(URL(fileURLWithPath: "/dev/zero")) }
        let latin = folder.appendingPathComponent("latin1.txt")
        try Data([0x61, 0x0A, 0x62, 0x0A, 0x63, 0xE9, 0x0A]).write(to: latin)
        #expect(throws: DataFileProblem.notUTF8(line: 3)) { try DataFile.text(latin) }
        #expect(DataFileProblem.notUTF8(line: 3).description == "is not UTF-8 text (an invalid byte on line 3)")
        #expect(DataFileProblem.tooLarge(bytes: 2 << 30).description == "is 2048 MB; expected at most 1024 MB")
        let good = folder.appendingPathComponent("good.txt")
        try Data("héllo\n".utf8).write(to: good)
        #expect(try DataFile.text(good) == "héllo\n")
    }

    @Test("a file without read permission is named as such", .enabled(if: getuid() != 0, "root reads every file: permissions cannot be tested"))
    func unreadable() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let locked = folder.appendingPathComponent("locked.txt")
        try Data("secret".utf8).write(to: locked)
        chmod(locked.path, 0o000)
        defer { chmod(locked.path, 0o644) }
        #expect(throws: DataFileProblem.unreadable("cannot be read (permission denied)")) { try DataFile.read(locked) }
    }

    @Test("an empty text file is one line: too short")
    func emptyText() throws {
        let message = try LessonTestSupport.loadError(
            "task: next-char\ndata: { text_file: empty.txt }\nmodel: { cell: rnn, hidden: 2 }\n", extra: ["empty.txt": "\n\n"])
        #expect(message == "lesson.yaml:2:20: data.text_file: the text has 0 characters; expected at least 2")
    }
}
