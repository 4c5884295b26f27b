import RNNCore
import RNNTrace

/// A text of any length made of words drawn from the seed — lines of a few words with commas and
/// full stops, about 60 distinct characters — for measuring how a text lesson's time and memory
/// grow with the length of its text (`make bench`, the memory test).
public enum GeneratedText {
    /// The words drawn.
    static let words = [
        "the", "and", "of", "to", "in", "that", "with", "his", "from", "heaven", "earth", "light", "dark", "fire", "deep",
        "who", "what", "all", "our", "first", "fruit", "tree", "death", "world", "woe", "man", "seat", "muse", "song",
        "Adam", "Eve", "Satan", "Chaos", "Eden", "Heav'n", "O", "thou", "thee", "thy", "shall", "might", "high", "rose",
    ]

    /// `bytes` bytes of text (ASCII: one byte a character) drawn from `seed`.
    public static func make(bytes: Int, seed: UInt64 = 1) -> String {
        var generator = SeededGenerator(seed: seed)
        var text = ""
        text.reserveCapacity(bytes + 16)
        var wordsInLine = 0
        while text.utf8.count < bytes {
            text += words[generator.nextInt(below: words.count)]
            wordsInLine += 1
            switch generator.nextInt(below: 20) {
            case 0: text += ". "
            case 1, 2: text += ", "
            default: text += " "
            }
            if wordsInLine >= 6 + generator.nextInt(below: 4) {
                text += "\n"
                wordsInLine = 0
            }
        }
        return String(text.utf8.prefix(bytes))!
    }
}
