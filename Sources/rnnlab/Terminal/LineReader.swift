import Foundation

/// Reads lines typed at a prompt in a terminal, with editing and a history (`LineEditing`):
/// ↑ brings back the question asked before instead of printing `^[[A`.
///
/// The terminal takes raw keys (no echo, no line buffering) from `start()` to `stop()`; Ctrl-C
/// still raises SIGINT, whose handler gives the terminal back (see `Terminal`). Lines wider than
/// the terminal scroll sideways around the cursor.
final class LineReader {
    private var reader = KeyReader()
    private var history: [String] = []

    /// Whether standard input and output are both terminals, where lines can be edited.
    static var isAvailable: Bool { Terminal.isInteractive }

    /// Takes raw keys from the terminal.
    func start() throws { try Terminal.enter(fullScreen: false) }

    /// Gives the terminal back.
    func stop() { Terminal.leave() }

    /// The next line typed after `prompt`, or `nil` at the end of input (Ctrl-D on an empty line,
    /// or the terminal gone). Ctrl-C read as a key ends the process with status 130.
    func readLine(prompt: String) -> String? {
        var line = LineEditing(history: history)
        draw(prompt, line)
        while true {
            if Terminal.takeResize() { draw(prompt, line) }
            guard let keys = reader.next(timeout: 100) else { return nil }
            for key in keys {
                switch line.handle(key) {
                case .editing: break
                case .submit(let text):
                    history = line.history
                    Terminal.write("\r\n")
                    return text
                case .endOfInput:
                    Terminal.write("\r\n")
                    return nil
                case .interrupt:
                    Terminal.write("\r\n")
                    stop()
                    exit(130)
                }
            }
            if !keys.isEmpty { draw(prompt, line) }
        }
    }

    /// Rewrites the prompt and the line in place, the cursor where it is in the line.
    private func draw(_ prompt: String, _ line: LineEditing) {
        let width = max(TerminalSize.current().width - 1, DisplayWidth.of(prompt) + 2)
        let (shown, cursorColumn) = Self.visible(line, room: width - DisplayWidth.of(prompt))
        let column = DisplayWidth.of(prompt) + cursorColumn
        Terminal.write("\r" + prompt + shown + "\u{1B}[K\r" + (column > 0 ? "\u{1B}[\(column)C" : ""))
    }

    /// The part of the line shown in `room` columns — all of it when it fits, else a stretch
    /// ending at the cursor with "…" where it was cut — and the cursor's column in it.
    static func visible(_ line: LineEditing, room: Int) -> (text: String, cursorColumn: Int) {
        let before = line.textBeforeCursor
        if DisplayWidth.of(line.text) < room { return (line.text, DisplayWidth.of(before)) }
        var start = ""
        for character in before.reversed() {
            if DisplayWidth.of(start) + DisplayWidth.of(character) + 2 > room { break }
            start.insert(character, at: start.startIndex)
        }
        let cut = start.count < before.count ? "…" : ""
        var text = cut + start
        for character in line.text.dropFirst(before.count) {
            if DisplayWidth.of(text) + DisplayWidth.of(character) + 1 > room { break }
            text.append(character)
        }
        return (text, DisplayWidth.of(cut + start))
    }
}
