import ArgumentParser
import Foundation
import RNNTrace

/// Shows a trace the way `view`, `step` and `inspect` do: the step viewer in a terminal or the
/// steps as text; the values as a colour table, JSON or CSV.
enum TracePresenter {
    /// How `inspect` prints the values.
    enum TableFormat {
        /// Aligned colour tables (colour and width only in a terminal).
        case table
        /// `{steps: [{t, input, layers: [{layer, h, c, gates}]}], …}`.
        case json
        /// `step,token,layer,quantity,unit,value`.
        case csv
    }

    /// With `at`, prints step `at` as text; when standard output is not a terminal, prints every
    /// step; otherwise runs the interactive viewer from `start` (frames saved into `saveFolder`).
    ///
    /// - Throws: `ValidationFailure` for a step that does not exist; `ExitCode(130)` on Ctrl-C.
    /// `alternative` is a second trace of the same input (a what-if's, before its intervention)
    /// that `w` switches to in the viewer, with the label shown while `trace` is.
    static func showSteps(
        _ trace: LessonTrace, at: Int?, start: Int = 0, reveal: Bool = false, saveFolder: URL, source: String,
        alternative: (trace: LessonTrace, label: String)? = nil
    ) throws {
        let count = StepPosition.count(trace)
        if let at, !(0..<count).contains(at) {
            throw ValidationFailure("\(source): there is no step \(at); the steps are 0…\(max(count - 1, 0))")
        }
        if let at { return print(StepText.render(trace, at), terminator: "") }
        guard Terminal.isInteractive else { return print(StepText.renderAll(trace), terminator: "") }
        let outcome = try StepViewer.run(trace: trace, startAt: start, saveFolder: saveFolder, reveal: reveal, alternative: alternative)
        if outcome == .interrupted { throw ExitCode(130) }
    }

    /// Prints the hidden states, cell states and gates of every step in `format`.
    static func showValues(_ trace: LessonTrace, format: TableFormat) throws {
        switch format {
        case .json: print(try InspectExport.json(trace), terminator: "")
        case .csv: print(InspectExport.csv(trace), terminator: "")
        case .table:
            let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
            let width = stdoutIsTerminal ? TerminalSize.current().width : nil
            let mode = stdoutIsTerminal ? ColorMode.detect() : .none
            print(InspectTable.render(trace, width: width, colorMode: mode), terminator: "")
        }
    }
}
