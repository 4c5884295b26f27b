import Foundation
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
        // A comment or a title changes nothing that training does: the model is current.
        try (LessonTestSupport.hello(replacing: "Teach hello", with: "Learn hello") + "\n# changed\n").write(to: url, atomically: true, encoding: .utf8)
        _ = try store().model(for: LessonFile(contentsOf: url))
        #expect(notices.count == 1)
        try LessonTestSupport.hello(replacing: "learning_rate: 0.1", with: "learning_rate: 0.09").write(to: url, atomically: true, encoding: .utf8)
        _ = try store().model(for: LessonFile(contentsOf: url))
        #expect(notices.count == 2 && notices[1].contains("changed"))
    }

    @Test("a trace's title names the input and the weights it went through")
    func titles() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try LessonTestSupport.write(LessonTestSupport.hello(), named: "hello.yaml", in: folder)
        let store = LessonModelStore(outputFolder: folder.appendingPathComponent("out"))
        let trained = try store.model(for: LessonFile(contentsOf: url))
        #expect(try trained.trace(.text("hell")).trace.lesson.title == "hello at iteration 50 (trained): “hell”")
        let early = try store.model(for: LessonFile(contentsOf: url), iteration: 6)
        #expect(try early.trace(.lessonDefault).trace.lesson.title == "hello at iteration 6: “hihell”")
    }

    /// A small series (price and volume) that trains in a moment in a debug build.
    static func seriesLesson(in folder: URL) throws -> URL {
        let rows = (0..<40).map { "\(100 + Double($0 % 7) * 3),\(1000 + $0 * 10)\n" }.joined()
        try LessonTestSupport.write("Price,Volume\n" + rows, named: "series.csv", in: folder)
        let lesson = """
            name: series
            title: A small series
            source: test
            task: regression
            data: { csv: series.csv, columns: [Price, Volume], target: Price, window: 3 }
            model: { cell: lstm, hidden: 4 }
            train: { optimizer: adam, learning_rate: 0.05, iterations: 20 }
            """
        return try LessonTestSupport.write(lesson, named: "series.yaml", in: folder)
    }

    @Test("a regression model steps through the user's own window (--input-json), in the columns' units")
    func ownWindow() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try LessonFile(contentsOf: Self.seriesLesson(in: folder))
        let model = try LessonModelStore(outputFolder: folder.appendingPathComponent("out")).model(for: file)
        let days: [[Float]] = [[100, 1000], [118, 1100], [103, 1200], [106, 1300]]
        let own = try model.trace(.features(days))
        #expect(own.notes.isEmpty && own.trace.steps.map(\.inputToken) == ["row 0", "row 1", "row 2", "row 3"])
        #expect(own.trace.lesson.title == "series at iteration 20 (trained): your 4-row window")
        // Scaled as the test days are: the features the network reads are the user's days, scaled.
        let data = try SeriesDataset.load(from: file)
        let scaled = data.testScaler.scale(days.map { $0.map(Double.init) })
        for (step, day) in zip(own.trace.steps, scaled) {
            #expect(zip(step.x, day).allSatisfy { abs(Double($0) - $1) < 1e-5 })
        }
        let forecast = try #require(own.trace.steps.last?.prediction)
        #expect(own.trace.summary == "your 4-row window: forecast Price \(forecast)")
        #expect(try model.trace(.lessonDefault).trace.steps.first?.inputToken != "row 0", "the saved test window is another")
        #expect(throws: LessonError.self) { try model.trace(.features([[100, 1000], [1]])) }
        #expect(throws: LessonError.self) { try model.trace(.features([])) }
    }
}
