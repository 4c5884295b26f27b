import Foundation
import RNNLessons
import RNNRender
import RNNTrace

/// The interactive step-through: draws `StepScreen` full-screen and moves on keys.
///
/// → / n / space next, ← / p back, Home / End first / last, digits then Enter jump, `r`
/// predict-then-reveal, `s` saves the frame as PNG, `q` quits; redraws when the terminal is
/// resized; the terminal is restored on every way out (see `Terminal`).
enum StepViewer {
    /// How the viewer ended.
    enum Outcome: Equatable {
        /// `q`, or the terminal closed.
        case quit
        /// Ctrl-C read as a key (exit status 130, as for SIGINT).
        case interrupted
    }

    /// Runs the viewer on `trace` from position `startAt` until the user leaves; `s` saves the
    /// frame shown as PNG in `saveFolder/saved/`, numbered on (`frame-1.png`, `frame-2.png`, …)
    /// so that it never overwrites a frame saved before nor the lesson's own `steps/`.
    /// `w` switches to `alternative` and back (a what-if's trace before its intervention), the
    /// status line saying which one is shown.
    static func run(
        trace first: LessonTrace, startAt: Int = 0, saveFolder: URL, reveal: Bool = false,
        alternative: (trace: LessonTrace, label: String)? = nil
    ) throws -> Outcome {
        var trace = first
        var state = ViewerState(position: 0, count: StepPosition.count(trace))
        if let alternative { state.status = "\(alternative.label) · w: the network as trained" }
        state.move(to: startAt)
        if reveal { state.reveal.toggle() }
        let colorMode = ColorMode.detect()
        try Terminal.enter()
        defer { Terminal.leave() }
        var reader = KeyReader()
        var needsDraw = true
        while true {
            if Terminal.takeResize() { needsDraw = true }
            if needsDraw {
                draw(trace: trace, state: state, colorMode: colorMode)
                needsDraw = false
            }
            guard let keys = reader.next(timeout: 100) else { return .quit }
            for key in keys {
                switch state.handle(key) {
                case .redraw: needsDraw = true
                case .quit: return .quit
                case .interrupt: return .interrupted
                case .switchTrace:
                    guard let alternative else { break }
                    let showingFirst = trace == first
                    trace = showingFirst ? alternative.trace : first
                    state.status = showingFirst ? "the network as trained · w: \(alternative.label)"
                        : "\(alternative.label) · w: the network as trained"
                    needsDraw = true
                case .save:
                    state.status = "saving…"
                    draw(trace: trace, state: state, colorMode: colorMode)
                    state.status = save(trace: trace, position: state.position, folder: saveFolder)
                    needsDraw = true
                }
            }
        }
    }

    /// Draws one frame: every row cleared and rewritten in a single write.
    private static func draw(trace: LessonTrace, state: ViewerState, colorMode: ColorMode) {
        let size = TerminalSize.current()
        let screen = StepScreen(trace: trace, position: state.position, reveal: state.reveal, width: size.width,
                                height: size.height, colorMode: colorMode, status: state.status,
                                jumpInput: state.jumpInput)
        var frame = ""
        for (row, line) in screen.lines().prefix(size.height).enumerated() {
            frame += "\u{1B}[\(row + 1);1H\u{1B}[2K" + line
        }
        Terminal.write(frame)
    }

    /// Saves the frame of `position` as the next `folder/saved/frame-N.png` and says where, or why not.
    static func save(trace: LessonTrace, position: Int, folder: URL) -> String {
        let url = NumberedFile.next(in: folder.appendingPathComponent("saved"), prefix: "frame", extension: "png")
        do {
            switch StepPosition(position, in: trace) {
            case .input(let t):
                try AtomicFile.write(FigureRenderer.renderStep(t: t, trace: trace, format: .png), to: url)
                return "saved step t = \(t) as \(LessonFile.displayPath(url))"
            case .decoder(let t):
                try AtomicFile.write(FigureRenderer.renderDecoderStep(t: t, trace: trace, format: .png), to: url)
                return "saved decoder step t = \(t) as \(LessonFile.displayPath(url))"
            }
        } catch {
            return "could not save: \(error)"
        }
    }
}
