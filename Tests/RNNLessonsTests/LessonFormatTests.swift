import Foundation
import Testing

@testable import RNNLessons
import RNNTrace

/// The lesson format as a forgiving, documented file format: defaults, starting files, the
/// reference page.
@Suite("Lesson format")
struct LessonFormatTests {
    /// The lesson in `text`, written as `name` in a temporary folder.
    static func lesson(_ text: String, named name: String = "my lesson.yaml") throws -> Lesson {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        return try LessonFile(contentsOf: LessonTestSupport.write(text, named: name, in: folder)).lesson
    }

    @Test("only task, data and model are needed: the name comes from the file, the title from the name, train from defaults")
    func defaults() throws {
        let lesson = try Self.lesson("task: next-char\ndata: { text: \"hihello\" }\nmodel: { cell: gru, hidden: 4 }\n")
        #expect(lesson.name == "my-lesson" && lesson.title == "my-lesson" && lesson.source == nil)
        #expect(lesson.train == LessonTraining())
        #expect(lesson.train.optimizer == .adam && lesson.train.learningRate == 0.01 && lesson.train.iterations == 200)
        #expect(lesson.train.seed == 777 && lesson.train.batch == nil && lesson.train.clip == nil)
        #expect(lesson.info == LessonInfo(name: "my-lesson", title: "my-lesson", source: "", task: .nextCharacter))
        let partial = try Self.lesson("task: next-char\ndata: { text: \"hi\" }\nmodel: { cell: rnn, hidden: 2 }\ntrain: { iterations: 5 }\n", named: "ok.yml")
        #expect(partial.name == "ok" && partial.train.iterations == 5 && partial.train.learningRate == 0.01)
        #expect(Lesson.folderName(from: ".hidden") == "lesson.hidden" && Lesson.folderName(from: "Été 2024") == "-t--2024")
    }

    @Test("a name the lesson writes is still checked")
    func writtenName() {
        #expect(throws: LessonError.self) {
            try Self.lesson("name: \"a/b\"\ntask: next-char\ndata: { text: \"hi\" }\nmodel: { cell: rnn, hidden: 2 }\n")
        }
    }

    @Test("every task's starting file is a lesson of that task, and the ones without a data file train as they are", arguments: LessonTemplate.tasks)
    func templates(task: LessonTask) throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for data in [nil, "my data.txt"] {
            let text = LessonTemplate.text(for: task, data: data)
            #expect(text.hasPrefix("# A \(task.rawValue) lesson."))
            let url = try LessonTestSupport.write(text, named: "start.yaml", in: folder)
            let lesson = try LessonFile(contentsOf: url).lesson
            #expect(lesson.task == task && lesson.name == "start")
            if let data { #expect(text.contains("\"\(data)\"")) }
        }
        if task == .nextCharacter {
            let url = try LessonTestSupport.write(LessonTemplate.text(for: task), named: "start.yaml", in: folder)
            let outcome = try LessonRunner(outputFolder: folder.appendingPathComponent("out"), overrides: LessonOverrides(iterations: 2))
                .run(LessonFile(contentsOf: url))
            #expect(outcome.trace.training.loss.count == 3)
        }
    }

    /// docs/lesson-format.md.
    static func referencePage() throws -> String {
        try String(contentsOf: LessonTestSupport.root.appendingPathComponent("docs/lesson-format.md"), encoding: .utf8)
    }

    @Test("the reference page has a table row for every key of every section")
    func everyKeyDocumented() throws {
        let page = try Self.referencePage()
        let rows = Set(page.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { String($0.dropFirst(3).prefix { $0 != "`" }) })
        let sections: [(String, [String])] = [
            ("top level", Lesson.keys), ("data", LessonData.keys), ("model", LessonModel.keys), ("train", LessonTraining.keys),
            ("show", LessonShow.keys), ("compare", LessonComparison.keys),
        ]
        for (section, keys) in sections {
            for key in keys { #expect(rows.contains(key), "\(section): \(key) has no row in docs/lesson-format.md") }
        }
        for task in LessonTask.allCases { #expect(page.contains("`\(task.rawValue)`")) }
    }

    @Test("every example on the reference page is a lesson, and each task has one")
    func examplesRead() throws {
        let page = try Self.referencePage()
        let examples = page.components(separatedBy: "## Complete examples")[1].components(separatedBy: "```yaml\n").dropFirst()
            .map { $0.components(separatedBy: "```")[0] }
        #expect(examples.count >= 8)
        var tasks = Set<LessonTask>()
        for example in examples {
            let lesson = try Self.lesson(example, named: "example.yaml")
            tasks.insert(lesson.task)
        }
        #expect(tasks == Set(LessonTask.allCases))
        #expect(try Self.lesson(page.components(separatedBy: "```yaml\n")[1].components(separatedBy: "```")[0]).model.hidden == .size(128))
    }
}
