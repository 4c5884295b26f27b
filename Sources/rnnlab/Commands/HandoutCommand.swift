import ArgumentParser
import Foundation
import RNNLessons
import RNNRender
import RNNTrace

/// `rnnlab handout`: the lessons as one multi-page PDF for a class.
struct HandoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handout",
        abstract: "Write the lessons as one PDF for a class: questions, models, results, predict-then-reveal pages, every figure.",
        discussion: """
            A title page; per lesson the question it answers, the model and the result beside what it is \
            measured against, a page to predict on and the page that answers it, then each figure with two \
            lines computed from its numbers. An experiment whose comparison was run (rnnlab compare) adds \
            its figures, and a lesson whose cells were hunted (rnnlab cells) the hunter's. Lessons not \
            trained yet are trained first. Writes OUT/handout.pdf (one lesson: \
            OUT/NAME/handout.pdf).
            """)

    @Argument(help: "Lesson names or lesson files.")
    var lessons: [String] = []

    @Flag(name: .long, help: "Every lesson of the lecture, and every experiment whose comparison or cell hunt was run.")
    var all = false

    @Option(name: .long, help: "The page: a4 (landscape, default) or 16:9.")
    var size: PageSize = .a4

    @Option(name: .long, help: "The folder with one folder per lesson.")
    var out = "output"

    @OptionGroup var folder: LessonsFolder

    func validate() throws {
        if all == !lessons.isEmpty { throw ValidationError("name lessons, or pass --all (not both)") }
        if size == .natural { throw ValidationError("--size natural does not apply: a handout's pages share one size (a4 or 16:9)") }
    }

    func run() throws {
        do {
            let output = URL(fileURLWithPath: out)
            let store = LessonModelStore(outputFolder: output, notice: { Console.error($0) })
            var files: [LessonFile]
            if all {
                let catalog = try folder.catalog()
                files = try catalog.files().map { try LessonFile(contentsOf: $0) }
                files += try catalog.experimentFiles().map { try LessonFile(contentsOf: $0) }.filter {
                    comparison(of: $0, in: output) != nil || cells(of: $0, in: output) != nil
                }
            } else {
                files = try lessons.map { try LessonFile(contentsOf: folder.lessonURL($0)) }
            }
            let sections = try files.map { file in
                let comparison = comparison(of: file, in: output)
                // An experiment that compares variants is shown by its comparison alone.
                let trace = file.lesson.compare != nil && comparison != nil ? nil : try store.traces(for: file).trace
                return HandoutSection(trace: trace, comparison: comparison, cells: cells(of: file, in: output))
            }
            let target = files.count == 1 && !all
                ? output.appendingPathComponent(files[0].lesson.name).appendingPathComponent("handout.pdf")
                : output.appendingPathComponent("handout.pdf")
            let title = files.count == 1 && !all ? files[0].lesson.title : "Recurrent neural networks: the lessons"
            try AtomicFile.write(Handout.render(sections, title: title, page: size), to: target)
            Console.line("wrote \(LessonFile.displayPath(target)) (\(Handout.pageCount(sections)) pages, \(sections.count) "
                         + "lesson\(sections.count == 1 ? "" : "s"))")
        } catch {
            Console.error("\(error)")
            throw ExitCode.failure
        }
    }

    /// What `rnnlab cells` wrote for `file`'s lesson (OUT/NAME/cells/cells.json), if it was run.
    private func cells(of file: LessonFile, in output: URL) -> CellHuntRecord? {
        let url = output.appendingPathComponent(file.lesson.name).appendingPathComponent("cells/\(CellHuntRecord.fileName)")
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder().decode(CellHuntRecord.self, from: data)
    }

    /// The comparison `rnnlab compare` wrote for `file`'s lesson (OUT/compare/NAME/trace.json), if any.
    private func comparison(of file: LessonFile, in output: URL) -> ComparisonTrace? {
        let url = output.appendingPathComponent("compare").appendingPathComponent(file.lesson.name).appendingPathComponent("trace.json")
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder().decode(ComparisonTrace.self, from: data)
    }
}
