import ArgumentParser
import Foundation
import RNNLessons
import RNNTrace

/// `rnnlab html`: a lesson as one self-contained HTML page that students open in any browser,
/// offline — the step-through, the training snapshots and the figures.
struct HTMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Write lessons as one self-contained HTML page each (OUT/NAME/NAME.html), to open offline in any browser.",
        discussion: """
            The page steps through the network as `rnnlab step` does (→ / n / space next, ← / p back, \
            Home / End, r predict-then-reveal, buttons on a touch screen), slides through the training \
            snapshots (↑ / ↓) and shows the lesson's figures. Everything is inside the file: it asks no \
            server for anything. A lesson not trained yet, or trained from another version of its file, \
            is trained first (one line on stderr says so).
            """)

    @Argument(help: "Lesson names or lesson files, or folders written by rnnlab compare (output/compare/NAME).")
    var lessons: [String] = []

    @Flag(name: .long, help: "Every lesson of the lessons folder.")
    var all = false

    @Option(name: .long, help: "The folder with one folder per lesson: where trained lessons are kept and pages written.")
    var out = "output"

    @Option(name: .long, parsing: .unconditional, help: "Pixels per point of the figures in the page (larger: sharper and bigger files).")
    var scale = LessonPage.defaultFigureScale

    @OptionGroup var folder: LessonsFolder

    func validate() throws {
        if all == !lessons.isEmpty { throw ValidationError("name lessons, or pass --all (not both)") }
        guard scale >= 0.5 && scale <= 4 else { throw ValidationError("--scale must be between 0.5 and 4") }
    }

    func run() throws {
        let sources: [PageSource]
        do {
            sources = all ? try folder.catalog().files().map(PageSource.lesson) : try lessons.map { try PageSource.resolve($0, folder: folder) }
        } catch {
            Console.error("\(error)")
            throw ExitCode.failure
        }
        let outputFolder = URL(fileURLWithPath: out)
        var failed = 0
        for source in sources {
            do {
                let url = try source.writePage(outputFolder: outputFolder, figureScale: scale)
                Console.line("wrote \(LessonFile.displayPath(url)) (\(LessonPageFile.size(of: url)))")
            } catch {
                Console.error("\(error)")
                failed += 1
            }
        }
        if failed > 0 { throw ExitCode.failure }
    }
}

/// What an argument of `rnnlab html` names, and how its page is made.
enum PageSource {
    /// A lesson file.
    case lesson(URL)
    /// A folder written by `rnnlab compare` (`output/compare/NAME`): its page shows the table
    /// and the figures, written beside them as `NAME.html`.
    case comparison(URL)

    /// The source an argument names: a comparison's folder, or a lesson's name (found in the
    /// lessons folder) or file.
    static func resolve(_ argument: String, folder: LessonsFolder) throws -> PageSource {
        var isFolder: ObjCBool = false
        let url = URL(fileURLWithPath: argument)
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent("trace.json").path) else {
                throw ValidationFailure("\(argument): a folder without trace.json; expected a folder written by rnnlab compare, or a lesson")
            }
            return .comparison(url)
        }
        return .lesson(try folder.lessonURL(argument))
    }

    /// Writes the page into its folder under `outputFolder` and returns the file.
    func writePage(outputFolder: URL, figureScale: Double) throws -> URL {
        switch self {
        case .lesson(let url):
            let file = try LessonFile(contentsOf: url)
            let folder = outputFolder.appendingPathComponent(file.lesson.name)
            // An output folder that cannot be written fails here, before any training.
            try AtomicFile.createFolder(folder)
            let store = LessonModelStore(outputFolder: outputFolder, notice: { Console.error($0) }, isFigureFile: FigureFileNames.contains)
            return try LessonPageFile.write(store.traces(for: file), into: folder, figureScale: figureScale)
        case .comparison(let folder):
            let trace = try JSONInput.decode(
                ComparisonTrace.self, from: folder.appendingPathComponent("trace.json"), expected: "a trace written by rnnlab compare")
            return try ComparisonPage.write(trace, into: folder, figureScale: figureScale)
        }
    }
}
