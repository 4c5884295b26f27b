/// A line being typed at a prompt, with a cursor and the lines typed before — what each key does
/// to it, with no terminal involved (`LineReader` draws it).
///
/// Printable keys insert at the cursor; ← / → / Home / End move it; Backspace and Delete remove
/// a character; ↑ / ↓ bring back earlier lines (the line being typed is kept meanwhile); Enter
/// submits; Ctrl-D on an empty line ends the input. Other keys and escape sequences do nothing.
struct LineEditing: Equatable {
    /// What the reader does after a key.
    enum Outcome: Equatable {
        /// Redraw the line and read on.
        case editing
        /// The line is done.
        case submit(String)
        /// Ctrl-D on an empty line.
        case endOfInput
        /// Ctrl-C read as a byte.
        case interrupt
    }

    /// The line's characters.
    private(set) var characters: [Character] = []
    /// Where the next character goes, 0…`characters.count`.
    private(set) var cursor = 0
    /// The lines submitted before, oldest first (no empty lines, no immediate repeats).
    private(set) var history: [String]
    /// Which history line is shown; `history.count` is the line being typed.
    private var shown: Int
    /// The line being typed, kept while earlier ones are shown.
    private var draft: [Character] = []

    /// An empty line with `history` to go back through.
    init(history: [String] = []) {
        self.history = history
        shown = history.count
    }

    /// The line as text.
    var text: String { String(characters) }

    /// The line before the cursor, as text (its display width places the cursor).
    var textBeforeCursor: String { String(characters[..<cursor]) }

    /// Handles one key.
    mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .character(let character): insert(character)
        case .space: insert(" ")
        case .backspace where cursor > 0:
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete where cursor < characters.count: characters.remove(at: cursor)
        case .left: cursor = max(cursor - 1, 0)
        case .right: cursor = min(cursor + 1, characters.count)
        case .home: cursor = 0
        case .end: cursor = characters.count
        case .up: show(shown - 1)
        case .down: show(shown + 1)
        case .enter:
            let line = text
            remember(line)
            characters = []
            cursor = 0
            return .submit(line)
        case .endOfInput where characters.isEmpty: return .endOfInput
        case .interrupt: return .interrupt
        default: break
        }
        return .editing
    }

    /// Adds `line` to the history (not an empty line, nor the last line again) and starts a new line.
    private mutating func remember(_ line: String) {
        if !line.trimmingCharacters(in: .whitespaces).isEmpty && history.last != line { history.append(line) }
        shown = history.count
        draft = []
    }

    /// Inserts `character` at the cursor; characters that combine with the one before (an accent,
    /// a skin-tone modifier) join it.
    private mutating func insert(_ character: Character) {
        let before = Array(String(characters[..<cursor]) + String(character))
        characters = before + characters[cursor...]
        cursor = before.count
    }

    /// Shows history line `index` (`history.count`: the line being typed), the cursor at its end.
    private mutating func show(_ index: Int) {
        guard (0...history.count).contains(index), index != shown else { return }
        if shown == history.count { draft = characters }
        shown = index
        characters = index == history.count ? draft : Array(history[index])
        cursor = characters.count
    }
}
