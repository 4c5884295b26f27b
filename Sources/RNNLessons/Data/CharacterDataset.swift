import Foundation
import RNNCore

/// Next-character examples from a text: the text shifted by one, whole or in sliding windows.
///
/// The vocabulary is the text's distinct characters in order of first appearance: "hihello"
/// gives `h i e l o`, as lab 12-1 writes its `idx2char`. (Labs 12-2 and 12-4 use Python's
/// `list(set(text))`, whose order changes from run to run; first appearance is the
/// deterministic choice.)
public struct CharacterDataset: Sendable {
    /// The text, one string per character.
    public let characters: [String]
    /// The distinct characters.
    public let vocabulary: Vocabulary
    /// The window length, or `nil` when the whole text is one sequence.
    public let window: Int?

    /// Examples from `text`: one sequence `text[0..<n-1] → text[1..<n]`, or, with a window
    /// `w`, every `text[i..<i+w] → text[i+1..<i+w+1]` (n − w windows).
    public init(text: String, window: Int?) {
        characters = text.map(String.init)
        vocabulary = Vocabulary(characters: text)
        self.window = window
    }

    /// The dataset of a next-char lesson, reading `text_file` when given (without its final line break).
    public static func load(from file: LessonFile) throws -> CharacterDataset {
        let data = file.lesson.data
        var text = data.text ?? ""
        if let path = data.textFile {
            let url = file.resolve(path)
            guard let bytes = FileManager.default.contents(atPath: url.path) else {
                throw file.error(at: ["data", "text_file"], "no such file \(LessonFile.displayPath(url))")
            }
            guard let contents = String(data: bytes, encoding: .utf8) else {
                throw file.error(at: ["data", "text_file"], "\(LessonFile.displayPath(url)) is not UTF-8 text")
            }
            text = String(contents.reversed().drop(while: \.isNewline).reversed())
        }
        let count = text.count
        guard count >= 2 else {
            throw file.error(at: ["data", data.textFile == nil ? "text" : "text_file"], "the text has \(count) characters; expected at least 2")
        }
        if let window = data.window, window >= count {
            throw file.error(at: ["data", "window"], "\(window) leaves no window in a text of \(count) characters; expected at most \(count - 1)")
        }
        return CharacterDataset(text: text, window: data.window)
    }

    /// The length of every example.
    public var sequenceLength: Int { window ?? characters.count - 1 }
    /// The number of examples.
    public var exampleCount: Int { characters.count - sequenceLength }

    /// The input indices of example `e`.
    public func input(_ e: Int) -> [Int] { indices(e..<e + sequenceLength) }
    /// The target indices of example `e`.
    public func target(_ e: Int) -> [Int] { indices(e + 1..<e + 1 + sequenceLength) }

    private func indices(_ range: Range<Int>) -> [Int] { characters[range].map { vocabulary.index(of: $0)! } }

    /// The examples `examples` as one batch.
    public func batch(_ examples: [Int]) -> SequenceBatch {
        SequenceBatch(oneHot: examples.map(input), targets: examples.map(target), classes: vocabulary.count)
    }

    /// The characters that follow `shown` where it first appears in the text, if it does and
    /// is followed by as many characters.
    public func continuation(of shown: [String]) -> [String]? {
        guard !shown.isEmpty, shown.count < characters.count else { return nil }
        for start in 0..<characters.count - shown.count where Array(characters[start..<start + shown.count]) == shown {
            return Array(characters[start + 1...start + shown.count])
        }
        return nil
    }

    /// The sentence rebuilt from predictions as lab 12-4 prints it: every prediction of the
    /// first window, then the last prediction of each following window.
    public func rebuild(predictions: [[Int]]) -> String {
        guard let first = predictions.first else { return "" }
        var tokens = first
        for window in predictions.dropFirst() { tokens.append(window.last!) }
        return vocabulary.decode(tokens).joined()
    }
}
