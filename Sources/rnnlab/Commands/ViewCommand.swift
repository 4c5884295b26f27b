import ArgumentParser
import Foundation
import RNNCore
import RNNLessons

/// `rnnlab view TRACE.json`: step through a saved trace in the terminal, or print it.
struct ViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Step through a saved trace.json one time step at a time.",
        discussion: """
            In a terminal: → / n / space next, ← / p back, Home / End, digits then Enter jump, \
            r predict-then-reveal, s save the frame as PNG, q quit. With --at, or when the output \
            is not a terminal, the steps are printed as text. Seq2seq traces number the encoder \
            steps first, then the decoder steps.
            """)

    @Argument(help: "The trace, e.g. output/hello/trace.json.")
    var trace: String

    @Option(name: .long, help: "Print step T as text and exit.")
    var at: Int?

    @Option(name: .long, help: "Open the viewer at step T.")
    var start: Int = 0

    @Flag(name: .long, help: "Start in predict-then-reveal mode (the prediction hidden until r).")
    var reveal = false

    @Option(name: .long, help: "Where `s` saves frames (default: the trace's folder).")
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
    }

    func run() throws {
        let url = URL(fileURLWithPath: trace)
        let decoded = try JSONInput.decode(LessonTrace.self, from: url, expected: "a trace written by rnnlab run")
        let count = StepPosition.count(decoded)
        if let at, at >= count {
            throw ValidationFailure("\(trace): there is no step \(at); the steps are 0…\(max(count - 1, 0))")
        }
        let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        if json { return print(try InspectExport.json(decoded), terminator: "") }
        if csv { return print(InspectExport.csv(decoded), terminator: "") }
        if table {
            let width = stdoutIsTerminal ? TerminalSize.current().width : nil
            let mode = stdoutIsTerminal ? ColorMode.detect() : .none
            return print(InspectTable.render(decoded, width: width, colorMode: mode), terminator: "")
        }
        if let at { return print(StepText.render(decoded, at), terminator: "") }
        guard Terminal.isInteractive else { return print(StepText.renderAll(decoded), terminator: "") }
        let folder = saveTo.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent()
        let outcome = try StepViewer.run(trace: decoded, startAt: start, saveFolder: folder, reveal: reveal)
        if outcome == .interrupted { throw ExitCode(130) }
    }
}
