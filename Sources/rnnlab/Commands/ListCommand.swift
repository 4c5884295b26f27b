import ArgumentParser
import Foundation
import RNNLessons
import RNNRender

/// `rnnlab list`: the lessons found in the lessons folder.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the lessons: name, title, task, model and data.")

    @OptionGroup var folder: LessonsFolder

    func run() throws {
        let catalog = try folder.catalog()
        var failed = false
        /// The lessons in `urls`; a file that cannot be read is reported and left out.
        func lessons(_ urls: [URL]) -> [Lesson] {
            urls.compactMap { url in
                do { return try LessonFile(contentsOf: url).lesson } catch {
                    Console.error("\(error)")
                    failed = true
                    return nil
                }
            }
        }
        func row(_ lesson: Lesson) -> [String] { [lesson.name, lesson.title, lesson.task.rawValue, Self.model(lesson), Self.data(lesson)] }
        // The lecture's lessons under the shape each runs, in the slide's order.
        let lectureLessons = lessons(try catalog.files())
        var table = [["NAME", "TITLE", "TASK", "MODEL", "DATA"]]
        for shape in ArchitectureKind.lectureOrder {
            let members = lectureLessons.filter { $0.architecture == shape }
            guard !members.isEmpty else { continue }
            table += [["\(shape.caption.title.uppercased()):", "", "", "", ""]] + members.map(row)
        }
        let experiments = lessons(try catalog.experimentFiles()).map(row)
        if !experiments.isEmpty { table += [[], ["EXPERIMENT", "", "", "", ""]] + experiments }
        let widths = table[0].indices.map { column in table.map { $0.indices.contains(column) ? $0[column].count : 0 }.max()! }
        for row in table {
            let cells = zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
            Console.line(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        if failed { throw ExitCode.failure }
    }

    /// "lstm ×2, hidden vocab".
    static func model(_ lesson: Lesson) -> String {
        let hidden: String
        switch lesson.model.hidden {
        case .size(let size): hidden = String(size)
        case .vocabulary: hidden = "vocab"
        }
        var text = lesson.model.cell.rawValue
        if lesson.model.layers > 1 { text += " ×\(lesson.model.layers)" }
        text += ", hidden \(hidden)"
        if let attention = lesson.model.attention, attention != .none { text += ", \(attention.rawValue)" }
        return text
    }

    /// "text \"hihello\"", "text, windows of 10", "stock/….csv, 7 days".
    static func data(_ lesson: Lesson) -> String {
        let data = lesson.data
        if let generate = data.generate {
            var text = "generated \(generate.rawValue)"
            if let length = data.length {
                text += length.count == 1 ? ", length \(length.lowerBound)" : ", lengths \(length.lowerBound)–\(length.upperBound)"
            }
            if let compare = lesson.compare {
                text += "; compare: \(compare.vary.map { $0.prefix { $0 != "=" } }.joined(separator: " × "))"
            }
            return text
        }
        switch lesson.task {
        case .nextCharacter:
            var text = data.textFile ?? "text"
            if let inline = data.text, data.window == nil, inline.count <= 20 { text = "text \"\(inline)\"" }
            if let window = data.window { text += ", windows of \(window)" }
            return text
        case .regression:
            return "\(data.csv ?? "?"), \(data.window ?? 0) \(data.period ?? "row")s → \(data.target ?? "?")"
        case .classify:
            var text = "\(data.tsv ?? "?"): \((data.labels ?? []).joined(separator: " / ")), \((data.tokens ?? .words).rawValue)"
            if let embedding = lesson.model.embedding { text += " embedded \(embedding)" }
            return text
        case .generate:
            return "\(data.tsv ?? "?"), ended by \"\(data.end ?? "?")\""
        case .seq2seq:
            return data.dialogs ?? data.chatLog.map { "\($0) (chat log)" } ?? "?"
        }
    }
}
