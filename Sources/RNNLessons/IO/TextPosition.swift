/// A place in a text as messages write it after the file's name: `:3:14` (line and column,
/// counted from 1).
struct TextPosition: CustomStringConvertible {
    /// The line, from 1.
    var line = 1
    /// The column, from 1, in characters.
    var column = 1

    /// The place of the character at `offset` (counted in characters from the start).
    init(of offset: Int, in text: String) {
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
    }

    var description: String { ":\(line):\(column)" }
}
