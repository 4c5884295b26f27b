import ArgumentParser
import Foundation
import RNNLessons

/// `rnnlab list`: the lessons found in the lessons folder.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the lessons: name, title, task, model and data.")

    @OptionGroup var folder: LessonsFolder

    func run() throws {
        let catalog = try folder.catalog()
        var failed = false
        /// The rows of the lessons in `urls`; a file that cannot be read is reported and left out.
        func rows(_ urls: [URL]) -> [[String]] {
            urls.compactMap { url in
                do {
                    let lesson = try LessonFile(contentsOf: url).lesson
                    return [lesson.name, lesson.title, lesson.task.rawValue, Self.model(lesson), Self.data(lesson)]
                } catch {
                    Console.error("\(error)")
                    failed = true
                    return nil
                }
            }
        }
        let lessons = rows(try catalog.files())
        let experiments = rows(try catalog.experimentFiles())
        var table = [["NAME", "TITLE", "TASK", "MODEL", "DATA"]] + lessons
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
            return "?"
        case .seq2seq:
            return data.dialogs ?? data.chatLog.map { "\($0) (chat log)" } ?? "?"
        }
    }
}
