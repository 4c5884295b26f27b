import ArgumentParser
import Foundation
import RNNCore
import RNNLessons
import RNNRender

/// `rnnlab run`: trains lessons and writes their trace, checkpoint and figures.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run lessons: train, print the result, write trace.json, model.safetensors and the figures.",
        discussion: """
            LESSON is a lesson's name (hello → lessons/hello.yaml) or the path of your own lesson file; \
            paths inside a lesson file are relative to it. A run writes OUT/NAME/; with overrides that \
            change the lesson it writes its own folder, named after them (--cell gru --hidden 8 → \
            OUT/hello-gru-h8/), and leaves the lesson's own alone. Files of an earlier run that this \
            run does not write again are removed (saved frames and chat pictures stay). Ctrl-C stops \
            cleanly (exit status 130) and leaves no half-written file.
            """)

    @Argument(help: "Lesson names or lesson files.")
    var lessons: [String] = []

    @Flag(name: .long, help: "Run every lesson of the lecture (the lessons folder itself).")
    var all = false

    @Flag(name: .long, help: "Run every experiment (the lessons folder's experiments/): longer than the lecture's lessons.")
    var experiments = false

    @OptionGroup var folder: LessonsFolder

    @Option(name: .long, help: "Replace the lesson's cell (rnn, lstm, gru).")
    var cell: CellKind?

    @Option(name: .long, help: "Replace the hidden size.")
    var hidden: Int?

    @Option(name: .long, help: "Replace the number of layers.")
    var layers: Int?

    @Option(name: .long, help: "Replace the number of iterations.")
    var iterations: Int?

    @Option(name: .long, help: "Replace the learning rate.")
    var learningRate: Double?

    @Option(name: .long, help: "Replace the seed.")
    var seed: UInt64?

    @Option(name: .long, help: "The folder that receives one folder per lesson.")
    var out = "output"

    @Flag(name: .long, help: "Write the trace and checkpoint only, no figures.")
    var noRender = false

    @Flag(name: .long, help: "Also write the lesson as one self-contained HTML page, OUT/NAME/NAME.html (as `rnnlab html`).")
    var html = false

    @Option(name: .long, help: "The figures' format (png, svg, pdf).")
    var format: OutputFormat = .png

    @Option(name: .long, help: PageSize.help)
    var size: PageSize = .widescreen

    @Flag(name: .long, help: "Print only each lesson's result line (and errors).")
    var quiet = false

    func validate() throws {
        if (all || experiments) == !lessons.isEmpty {
            throw ValidationError("name lessons to run, or pass --all or --experiments (not both)")
        }
        if let hidden, !(1...4096).contains(hidden) { throw ValidationError("--hidden must be 1 to 4096") }
        if let layers, !(1...8).contains(layers) { throw ValidationError("--layers must be 1 to 8") }
        if let iterations, iterations < 1 { throw ValidationError("--iterations must be at least 1") }
        if let learningRate, !(learningRate > 0) { throw ValidationError("--learning-rate must be above 0") }
    }

    func run() throws {
        InterruptFlag.install()
        let started = ContinuousClock.now
        let urls: [URL]
        do {
            if all || experiments {
                let catalog = try folder.catalog()
                // An experiment that compares variants runs with `rnnlab compare`, not as one lesson.
                let experimentFiles = experiments ? try catalog.experimentFiles().filter { url in
                    (try? LessonFile(contentsOf: url).lesson.compare) == nil
                } : []
                urls = (all ? try catalog.files() : []) + experimentFiles
            } else {
                urls = try lessons.map { try folder.lessonURL($0) }
            }
        } catch {
            Console.error("\(error)")
            throw ExitCode.failure
        }
        // Lessons train side by side (`LessonLanes`) and are handed over in order; a lesson's
        // figures are drawn by `BackgroundFigures` while later lessons train, and a lesson is
        // reported once its figures are written, before the next one's report.
        let runner = LessonRunner(
            outputFolder: URL(fileURLWithPath: out),
            overrides: LessonOverrides(
                cell: cell, hidden: hidden, layers: layers, iterations: iterations, learningRate: learningRate, seed: seed))
        let figures = noRender ? nil : FigureFiles(format: format, page: size)
        let files = urls.map { url in Result { try LessonFile(contentsOf: url) } }
        // Two lessons writing the same folder would write the same files: those runs take turns.
        let names = files.compactMap { try? runner.folder(for: $0.get().lesson).path }
        let lanes = Set(names).count == names.count ? LessonLanes<LessonOutcome>.lanes(lessons: urls.count) : 1
        let training = LessonLanes(
            count: urls.count, lanes: lanes, progress: quiet ? nil : ProgressBar(), shouldStop: { InterruptFlag.isSet }
        ) { index, control in
            try runner.run(files[index].get(), control: control)
        }
        /// What is written after a lesson trained: its figures and, with --html, its page.
        func writer(for file: Result<LessonFile, any Error>) -> (any FigureWriter & Sendable)? {
            var writers: [any FigureWriter & Sendable] = figures.map { [$0] } ?? []
            if html, let file = try? file.get() { writers.append(LessonPageWriter(file: file)) }
            return writers.isEmpty ? nil : FigureWriters(writers: writers)
        }
        var tally = Tally()
        var drawing: (outcome: LessonOutcome, figures: BackgroundFigures?)?
        func finishDrawing() {
            guard let (outcome, background) = drawing else { return }
            drawing = nil
            do {
                let files = try background?.files() ?? []
                let removed = EarlierRunFiles.remove(in: outcome.folder, keeping: outcome.files + files)
                report(outcome, figureFiles: files, removed: removed)
                tally.ran.append(outcome.trace.lesson.name)
            } catch {
                Console.error("\(outcome.trace.lesson.name): \(error)")
                tally.failed += 1
            }
        }
        for index in urls.indices {
            do {
                let outcome = try training.outcome(index)
                tally.trainingSeconds += outcome.trainingSeconds
                finishDrawing()
                drawing = (outcome, writer(for: files[index]).map { BackgroundFigures(writer: $0, trace: outcome.trace, folder: outcome.folder) })
            } catch let error as LessonInterrupted {
                finishDrawing()
                Console.error("\(error)")
                training.waitForAll()
                throw ExitCode(InterruptFlag.exitStatus)
            } catch {
                finishDrawing()
                Console.error("\(error)")
                tally.failed += 1
            }
        }
        finishDrawing()
        if InterruptFlag.isSet {
            Console.error("interrupted")
            throw ExitCode(InterruptFlag.exitStatus)
        }
        if urls.count > 1 && !quiet { Console.line(tally.summary(wallSeconds: (ContinuousClock.now - started).seconds, sideBySide: lanes > 1)) }
        if tally.failed > 0 { throw ExitCode.failure }
    }

    private func report(_ outcome: LessonOutcome, figureFiles: [URL], removed: [URL]) {
        let trace = outcome.trace
        let files = outcome.files + figureFiles
        let timing = "\(trace.training.iterations) iterations in \(Console.duration(outcome.trainingSeconds))"
        // A run with overrides names them and its own folder: it is not the lesson's run.
        let changed = outcome.overrides.isEmpty ? "" : " (\(outcome.overrides), in \(LessonFile.displayPath(outcome.folder))/)"
        Console.line("\(trace.lesson.name)\(changed): \(trace.summary) (\(timing))")
        outcome.notes.forEach(Console.error)
        if quiet { return }
        if !removed.isEmpty {
            Console.line("  removed \(removed.count) file\(removed.count == 1 ? "" : "s") of an earlier run that this run did not write")
        }
        let grouped = [("steps", "step frames"), ("snapshots", "snapshot checkpoints")]
        func inFolder(_ name: String) -> [URL] { files.filter { $0.deletingLastPathComponent().lastPathComponent == name } }
        let inGroups = Set(grouped.flatMap { inFolder($0.0) })
        for file in files where !inGroups.contains(file) { Console.line("  wrote \(LessonFile.displayPath(file))") }
        for (name, what) in grouped {
            let files = inFolder(name)
            if let first = files.first {
                Console.line("  wrote \(files.count) \(what) in \(LessonFile.displayPath(first.deletingLastPathComponent()))/")
            }
        }
    }
}

/// What happened to the lessons of one `run`.
private struct Tally {
    var ran: [String] = []
    var failed = 0
    /// The lessons' training loops added up; lessons that trained side by side overlap.
    var trainingSeconds = 0.0

    /// `6 ran in 2.1 s; training loops 4.0 s (two lessons at a time)`.
    func summary(wallSeconds: Double, sideBySide: Bool) -> String {
        var parts = ["\(ran.count) ran"]
        if failed > 0 { parts.append("\(failed) failed") }
        return parts.joined(separator: ", ") + " in \(Console.duration(wallSeconds)); training loops "
            + Console.duration(trainingSeconds) + (sideBySide ? " (two lessons at a time)" : "")
    }
}
