import ArgumentParser
import Foundation
import RNNLessons
import RNNRender
import RNNTrace

/// `rnnlab run`: trains lessons and writes their trace, checkpoint and figures.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run lessons: train, print the result, write trace.json, model.safetensors and the figures.",
        discussion: """
            LESSON is a lesson's name (hello → lessons/hello.yaml) or the path of your own lesson file; \
            paths inside a lesson file are relative to it. A run writes OUT/NAME/; with overrides that \
            change the lesson it writes its own folder, named after them (--cell gru --hidden 8 → \
            OUT/hello-gru-h8/), and leaves the lesson's own alone. The folder is written whole: a fresh \
            folder takes its place once everything is written, so it holds this run or the one before, \
            never a mix (files of an earlier run that this run does not write again go; saved frames, \
            chat pictures and your own files stay). A second rnnlab writing the same folder meanwhile is \
            told it is busy. Ctrl-C stops (exit status 130) and says which folders were written.
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

    @Option(name: .long, parsing: .unconditional, help: "Replace the hidden size.")
    var hidden: Int?

    @Option(name: .long, parsing: .unconditional, help: "Replace the number of layers.")
    var layers: Int?

    @Option(name: .long, parsing: .unconditional, help: "Replace the number of iterations.")
    var iterations: Int?

    @Option(name: .long, parsing: .unconditional, help: "Replace the learning rate.")
    var learningRate: Double?

    @Option(name: .long, parsing: .unconditional, help: "Replace the seed.")
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
        if let problem = overrides.problem { throw ValidationError(problem) }
    }

    /// The lesson settings given on the command line.
    private var overrides: LessonOverrides {
        LessonOverrides(cell: cell, hidden: hidden, layers: layers, iterations: iterations, learningRate: learningRate, seed: seed)
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
                    (try? LessonFile(contentsOf: url).lesson.compare?.isSweep) != true
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
        // figures are drawn into its fresh folder, and the folder put in place, by
        // `LessonCompletion` while later lessons train; lessons are reported in order.
        let runner = LessonRunner(outputFolder: URL(fileURLWithPath: out), overrides: overrides, isFigureFile: FigureFileNames.contains)
        let figures = noRender ? nil : FigureFiles(format: format, page: size)
        let files = urls.map { url in Result { try LessonFile(contentsOf: url) } }
        // Two lessons writing the same folder would write the same files: those runs take turns.
        let folders = files.map { try? runner.folder(for: $0.get().lesson) }
        let names = folders.compactMap { $0?.path }
        let lanes = Set(names).count == names.count ? LessonLanes<StagedLesson>.lanes(lessons: urls.count) : 1
        let training = LessonLanes(
            count: urls.count, lanes: lanes, progress: quiet ? nil : ProgressBar(), shouldStop: { InterruptFlag.isSet }
        ) { index, control in
            try runner.stage(files[index].get(), control: control)
        }
        /// What is written after a lesson trained: its figures and, with --html, its page (whose
        /// snapshot traces take their targets from the lesson file's data).
        func writer(for file: Result<LessonFile, any Error>) -> (@Sendable (LessonTrace, URL) throws -> [URL])? {
            let page = html ? (try? file.get()) : nil
            if figures == nil && page == nil { return nil }
            return { trace, folder in
                var written = try figures?.writeFigures(for: trace, into: folder) ?? []
                if let page { written.append(try LessonPageFile.write(LessonTraces(trace: trace, file: page, folder: folder), into: folder)) }
                return written
            }
        }
        var tally = Tally(lessons: urls.indices.map { folders[$0].map(LessonFile.displayPath) ?? LessonFile.displayPath(urls[$0]) })
        var completing: (index: Int, name: String, completion: LessonCompletion)?
        /// Waits for the lesson being completed, and reports it.
        func reportCompleted() {
            guard let (index, name, completion) = completing else { return }
            completing = nil
            do {
                report(try completion.outcome())
                tally.statuses[index] = .written
            } catch {
                Console.error("\(name): \(error)")
                tally.statuses[index] = .failed
            }
        }
        for index in urls.indices {
            do {
                let staged = try training.outcome(index)
                tally.trainingSeconds += staged.outcome.trainingSeconds
                reportCompleted()
                completing = (index, staged.outcome.trace.lesson.name, LessonCompletion(staged, write: writer(for: files[index])))
            } catch let error as LessonInterrupted {
                reportCompleted()
                Console.error("\(error)")
                tally.statuses[index] = .interrupted
                training.waitForAll()
                // Lessons that trained after the one stopped are not written either.
                for later in urls.indices.dropFirst(index + 1) { (try? training.finishedResult(later)?.get())?.discard() }
                if urls.count > 1 { Console.error(tally.interruptionSummary) }
                throw ExitCode(InterruptFlag.exitStatus)
            } catch {
                reportCompleted()
                Console.error("\(error)")
                tally.statuses[index] = .failed
            }
        }
        reportCompleted()
        if InterruptFlag.isSet {
            Console.error(tally.interruptionSummary)
            throw ExitCode(InterruptFlag.exitStatus)
        }
        if urls.count > 1 && !quiet { Console.line(tally.summary(wallSeconds: (ContinuousClock.now - started).seconds, sideBySide: lanes > 1)) }
        if tally.failed > 0 { throw ExitCode.failure }
    }

    private func report(_ outcome: LessonOutcome) {
        let trace = outcome.trace
        let files = outcome.files
        let removed = outcome.removed
        let timing = "\(trace.training.iterations) iterations in \(Console.duration(outcome.trainingSeconds))"
        // A run with overrides names them and its own folder: it is not the lesson's run.
        let changed = outcome.overrides.isEmpty ? "" : " (\(outcome.overrides), in \(LessonFile.displayPath(outcome.folder))/)"
        Console.line("\(trace.lesson.name)\(changed): \(trace.summary) (\(timing))")
        outcome.notes.forEach(Console.error)
        if !noRender, let note = FigureFiles.stepFramesNote(for: trace) { Console.error(note) }
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
    /// What became of one lesson.
    enum Status {
        /// Trained, and its folder written.
        case written
        /// Failed with an error (reported).
        case failed
        /// Stopped by Ctrl-C while training.
        case interrupted
        /// Not trained, or trained but not written because of Ctrl-C.
        case notWritten
    }

    /// Each lesson's folder, as shown.
    var lessons: [String]
    var statuses: [Status]
    /// The lessons' training loops added up; lessons that trained side by side overlap.
    var trainingSeconds = 0.0

    init(lessons: [String]) {
        self.lessons = lessons
        statuses = Array(repeating: .notWritten, count: lessons.count)
    }

    var failed: Int { statuses.filter { $0 == .failed }.count }

    /// `6 ran in 2.1 s; training loops 4.0 s (two lessons at a time)`.
    func summary(wallSeconds: Double, sideBySide: Bool) -> String {
        let ran = statuses.filter { $0 == .written }.count
        var parts = ["\(ran) ran"]
        if failed > 0 { parts.append("\(failed) failed") }
        return parts.joined(separator: ", ") + " in \(Console.duration(wallSeconds)); training loops "
            + Console.duration(trainingSeconds) + (sideBySide ? " (two lessons at a time)" : "")
    }

    /// What Ctrl-C kept: "interrupted: wrote output/hello and output/hello-rnn; output/chatbot and
    /// output/stock are as they were".
    var interruptionSummary: String {
        let written = lessons.indices.filter { statuses[$0] == .written }.map { lessons[$0] }
        let kept = lessons.indices.filter { [.interrupted, .notWritten].contains(statuses[$0]) }.map { lessons[$0] }
        var parts = [written.isEmpty ? "nothing was written" : "wrote \(listing(written, conjunction: "and"))"]
        if !kept.isEmpty {
            parts.append("\(listing(kept, conjunction: "and")) \(kept.count == 1 ? "is as it was" : "are as they were")")
        }
        return "interrupted: " + parts.joined(separator: "; ")
    }
}
