import Foundation
import RNNCore
import Testing

@testable import RNNLessons

/// `LessonModelStore`: trains a lesson when its checkpoint is missing or stale, then reuses it.
@Suite("Lesson model store")
struct LessonModelStoreTests {
    @Test("trains when missing, reuses, retrains when the lesson file changes; snapshots load")
    func trainsOnlyWhenNeeded() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try LessonTestSupport.write(LessonTestSupport.hello(), named: "hello.yaml", in: folder)
        var notices: [String] = []
        func store() -> LessonModelStore {
            LessonModelStore(outputFolder: folder.appendingPathComponent("out"), notice: { notices.append($0) })
        }
        let first = try store().model(for: LessonFile(contentsOf: url))
        #expect(notices.count == 1 && first.task == .nextCharacter && first.vocabulary.tokens == ["h", "i", "e", "l", "o"])
        _ = try store().model(for: LessonFile(contentsOf: url))
        #expect(notices.count == 1)
        let traced = try first.trace(.text("hihell"))
        #expect(traced.trace.steps.map { $0.prediction ?? "" }.joined() == "ihello")
        let early = try store().model(for: LessonFile(contentsOf: url), iteration: 0)
        #expect(try early.trace(.text("hihell")).trace.steps.map { $0.prediction ?? "" }.joined() != "ihello")
        #expect(throws: LessonError.self) { try store().model(for: LessonFile(contentsOf: url), iteration: 2) }
        try (LessonTestSupport.hello() + "\n# changed\n").write(to: url, atomically: true, encoding: .utf8)
        _ = try store().model(for: LessonFile(contentsOf: url))
        #expect(notices.count == 2 && notices[1].contains("changed"))
    }
}
