import ArgumentParser
import Foundation
import RNNLessons
import RNNTrace

/// `rnnlab lesson`: lesson files themselves.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson", abstract: "Work with lesson files.", subcommands: [NewLessonCommand.self])
}

/// `rnnlab lesson new FILE --task TASK`: a commented starting file.
struct NewLessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a commented starting lesson file for a task.",
        discussion: """
            The file has the keys a lesson of the task changes first, each with a comment on its \
            default and its values; docs/lesson-format.md lists every key. With --data, the lesson \
            reads that file (a text, a CSV file, dialogs), written relative to the lesson file.
            """)

    @Argument(help: "The lesson file to write (.yaml).")
    var file: String

    @Option(name: .long, help: "The task: next-char, regression, classify, generate or seq2seq.")
    var task: LessonTask

    @Option(name: .long, help: "The data file the lesson reads (a text, a CSV file, text<TAB>label or input<TAB>output lines, question<TAB>answer dialogs).")
    var data: String?

    @Flag(name: .long, help: "Replace the file if it exists.")
    var force = false

    func validate() throws {
        guard ["yaml", "yml"].contains((file as NSString).pathExtension.lowercased()) else {
            throw ValidationError("\(file): expected a .yaml file")
        }
    }

    func run() throws {
        let url = URL(fileURLWithPath: file)
        if !force && FileManager.default.fileExists(atPath: url.path) {
            Console.error("\(file): exists; expected a new file's name (or --force to replace it)")
            throw ExitCode.failure
        }
        let relative = data.map { Self.path($0, relativeTo: url.deletingLastPathComponent()) }
        do {
            try AtomicFile.write(LessonTemplate.text(for: task, data: relative), to: url)
        } catch {
            Console.error("\(error)")
            throw ExitCode.failure
        }
        Console.line("wrote \(file); train it with: rnnlab run \(file)")
    }

    /// `path` (as given on the command line) relative to `folder`, when it is inside it.
    static func path(_ path: String, relativeTo folder: URL) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let base = folder.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }
}

extension LessonTask: ExpressibleByArgument {}
