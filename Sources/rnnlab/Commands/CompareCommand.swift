import ArgumentParser
import Foundation
import RNNCore
import RNNLessons
import RNNRender
import RNNTrace

/// `rnnlab compare`: trains variants of a lesson from the same seeds and data, two at a time,
/// and writes `OUT/compare/NAME/`: the figures `loss`, `sweep` and `gradient-flow`, `trace.json`
/// (what they are drawn from), `summary.csv` and `summary.json`; then prints a table.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Train variants of a lesson side by side and compare them: loss, a sweep of its metric, gradient flow.",
        discussion: """
            Without --cells or --vary, the lesson's compare: section says what to vary (why-gates: the \
            adding problem at lengths 10 to 100 for rnn, lstm and gru). KEY is one of cell, hidden, layers, \
            embedding, attention, learning_rate, iterations, batch, clip, optimizer, momentum, length, \
            symbols, examples, window, or a key path such as train.clip. Two --vary make a grid. Every \
            variant trains from the same seeds and reads the same data; Ctrl-C stops and writes nothing.
            """)

    @Argument(help: "A lesson's name or lesson file.")
    var lesson: String?

    @Flag(name: .long, help: "Run the comparison of every lesson that has a compare: section.")
    var all = false

    @OptionGroup var folder: LessonsFolder

    @Option(name: .long, help: "The cells to compare, e.g. rnn,lstm,gru (the same as --vary cell=rnn,lstm,gru).")
    var cells: String?

    @Option(name: .long, help: ArgumentHelp("A lesson key and the values to try.", valueName: "KEY=V1,V2,…"))
    var vary: [String] = []

    @Option(name: .long, parsing: .unconditional, help: "Train every variant with this many seeds (default: the lesson's compare.seeds, or 1).")
    var seeds: Int?

    @Option(name: .long, parsing: .unconditional, help: "The first seed (default: the lesson's); the others follow it.")
    var seed: UInt64?

    @Flag(name: .long, help: "Choose each cell's hidden size so every variant has about as many parameters as the lesson's model.")
    var matchParams = false

    @Option(name: .long, help: "The folder that receives compare/NAME/.")
    var out = "output"

    @Option(name: .long, help: "The figures' format (png, svg, pdf).")
    var format: OutputFormat = .png

    @Flag(name: .long, help: "Also write the comparison as one self-contained HTML page (compare/NAME/NAME.html).")
    var html = false
    @Option(name: .long, help: PageSize.help)
    var size: PageSize = .widescreen

    func validate() throws {
        if all == (lesson != nil) { throw ValidationError("name a lesson to compare, or pass --all (not both)") }
        if all && (cells != nil || !vary.isEmpty || matchParams) {
            throw ValidationError("--all runs each lesson's own compare: section; --cells, --vary and --match-params need one lesson")
        }
    }

    func run() throws {
        InterruptFlag.install()
        // Runs train two at a time, one per processor: each on one thread (unless the user says
        // otherwise), so that no helper thread competes for the processors (18 s instead of 25 s
        // for why-gates with one seed, measured on the two-core machine).
        if Settings.threads == nil { EngineThreads.limit(to: 1) }
        let comparisons: [Comparison]
        do {
            comparisons = try prepare()
        } catch {
            Console.error("\(error)")
            throw ExitCode.failure
        }
        for comparison in comparisons {
            try run(comparison)
        }
    }

    /// Every comparison to run, each checked before any is trained.
    private func prepare() throws -> [Comparison] {
        if all {
            let files = try (folder.catalog().files() + folder.catalog().experimentFiles()).map(LessonFile.init(contentsOf:))
            let compared = files.filter { $0.lesson.compare?.isSweep == true }
            guard !compared.isEmpty else { throw LessonError("no lesson has a compare: section") }
            return try compared.map { try checked(Comparison(base: $0, seedCount: seeds, firstSeed: seed)) }
        }
        let file = try LessonFile(contentsOf: try folder.lessonURL(lesson!))
        var variations = try vary.map(LessonVariation.init(parsing:))
        if let cells { variations.insert(try LessonVariation(parsing: "cell=\(cells)"), at: 0) }
        return [
            try checked(
                Comparison(
                    base: file, variations: variations.isEmpty ? nil : variations, seedCount: seeds, firstSeed: seed,
                    matchParameters: matchParams))
        ]
    }

    private func checked(_ comparison: Comparison) throws -> Comparison {
        try comparison.checkDrawable()
        return comparison
    }

    /// Trains every run of `comparison`, then writes its folder and prints its table.
    private func run(_ comparison: Comparison) throws {
        let name = comparison.base.lesson.name
        let variants = comparison.variants
        let labels = variants.map { "\($0.label) seed \($0.seed)" }
        Console.line(
            "\(name): \(variants.count / comparison.seeds.count) variants × \(comparison.seeds.count) seed"
                + "\(comparison.seeds.count == 1 ? "" : "s"), two at a time")
        for note in comparison.notes { Console.line("  \(note)") }
        let progress = ComparisonProgress(
            name: name, labels: labels, totals: variants.map(\.file.lesson.train.iterations))
        let lanes = LessonLanes<ComparisonRun>(
            count: variants.count, lanes: LessonLanes<ComparisonRun>.lanes(lessons: variants.count), progress: nil,
            shouldStop: { InterruptFlag.isSet }
        ) { index, control in
            var control = control
            control.progress = { progress.update(index, $0) }
            return try comparison.run(index, control: control)
        }
        var runs: [ComparisonRun] = []
        for index in variants.indices {
            do {
                let run = try lanes.outcome(index)
                progress.finish(index, "\(labels[index]): \(Self.describe(run, comparison.metric))")
                runs.append(run)
            } catch {
                lanes.waitForAll()
                progress.end()
                if error is LessonInterrupted {
                    Console.error("\(name): interrupted after \(runs.count) of \(variants.count) runs; nothing was written")
                    throw ExitCode(InterruptFlag.exitStatus)
                }
                Console.error("\(error)")
                throw ExitCode.failure
            }
        }
        progress.end()
        let trace = comparison.trace(runs)
        let folder = URL(fileURLWithPath: out).appendingPathComponent("compare").appendingPathComponent(name)
        let written: [String]
        do {
            written = try write(trace, to: folder)
        } catch {
            Console.error("\(error)")
            throw ExitCode.failure
        }
        for line in ComparisonTable(trace: trace).lines() { Console.line(line) }
        Console.line("wrote \(LessonFile.displayPath(folder))/: \(written.joined(separator: ", "))")
    }

    /// "test MSE 0.0012 (2.1 s)", or "diverged at iteration 40".
    private static func describe(_ run: ComparisonRun, _ metric: HeadlineMetric?) -> String {
        if let iteration = run.result["diverged_at"] { return "diverged at iteration \(Int(iteration))" }
        guard let metric, let value = run.result[metric.name] else { return "trained in \(Console.duration(run.seconds))" }
        let text = metric.lowerIsBetter ? String(format: "%.4f", value) : String(format: "%.1f%%", value * 100)
        return "\(metric.label) \(text) (\(Console.duration(run.seconds)))"
    }

    /// Draws the figures and writes the folder whole; returns the names of the files.
    private func write(_ trace: ComparisonTrace, to folder: URL) throws -> [String] {
        let format = format, page = size
        let figures = ComparisonFigure.available(for: trace)
        let drawn = Concurrently.map(figures) { try $0.render(trace, format: format, page: page) }
        var files: [(name: String, bytes: [UInt8])] = [
            ("trace.json", try ComparisonSummary.traceJSON(trace)),
            ("summary.csv", Array(ComparisonSummary.csv(trace).utf8)),
            ("summary.json", try ComparisonSummary.json(trace)),
        ]
        for (figure, bytes) in zip(figures, drawn) { files.append((figure.fileName(format), try bytes.get())) }
        if html {
            let page = try ComparisonPage(trace: trace).document.html
            files.append(("\(trace.lesson.name).html", Array(page.utf8)))
        }
        try FolderReplacement.write(folder) { fresh in
            for file in files { try AtomicFile.write(file.bytes, to: fresh.appendingPathComponent(file.name)) }
        }
        return files.map(\.name)
    }
}
