import ArgumentParser
import Foundation
import RNNLessons

/// `rnnlab view TRACE.json`: step through a saved trace in the terminal, or print it.
struct ViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Step through a saved trace.json one time step at a time.",
        discussion: """
            In a terminal: → / n / space next, ← / p back, Home / End, digits then Enter jump, \
            r predict-then-reveal, s save the frame as PNG (saved/frame-N.png), q quit. With --at, or when the output \
            is not a terminal, the steps are printed as text. Seq2seq traces number the encoder \
            steps first, then the decoder steps.
            """)

    @Argument(help: "The trace, e.g. output/hello/trace.json.")
    var trace: String

    @Option(name: .long, parsing: .unconditional, help: "Print step T as text and exit.")
    var at: Int?

    @Option(name: .long, parsing: .unconditional, help: "Open the viewer at step T.")
    var start: Int = 0

    @Flag(name: .long, help: "Start in predict-then-reveal mode (the prediction hidden until r).")
    var reveal = false

    @Option(name: .long, help: "Where `s` saves frames, into its saved/ folder, numbered on (default: the trace's folder).")
    var saveTo: String?

    @Flag(name: .long, help: "Print hidden states, cell states and gates of every step as a table.")
    var table = false

    @Flag(name: .long, help: "Print hidden states, cell states and gates as JSON.")
    var json = false

    @Flag(name: .long, help: "Print hidden states, cell states and gates as CSV.")
    var csv = false

    func validate() throws {
        if [table, json, csv].filter({ $0 }).count > 1 { throw ValidationError("choose one of --table, --json, --csv") }
        if let at, at < 0 { throw ValidationError("--at must be 0 or more") }
        if start < 0 { throw ValidationError("--start must be 0 or more") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: trace)
        let decoded = try TraceFile.read(url)
        if json { return try TracePresenter.showValues(decoded, format: .json) }
        if csv { return try TracePresenter.showValues(decoded, format: .csv) }
        if table { return try TracePresenter.showValues(decoded, format: .table) }
        let folder = saveTo.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent()
        try TracePresenter.showSteps(decoded, at: at, start: start, reveal: reveal, saveFolder: folder, source: trace)
    }
}
