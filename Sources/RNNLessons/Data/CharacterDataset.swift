import Foundation
import RNNCore

/// Next-character examples from a text: the text shifted by one, whole or in sliding windows,
/// with the end of the text held out for validation when the lesson asks.
///
/// The text is kept once, as indices (`TextCorpus`); a batch is built from it when it is needed.
public struct CharacterDataset: Sendable {
    /// Without `window`, a text of up to this many characters is one sequence; a longer one is
    /// cut into windows of `defaultWindow`.
    public static let longestSequence = 1_000
    /// The window length of a long text whose lesson gives none.
    public static let defaultWindow = 100

    /// The whole text.
    public let corpus: TextCorpus
    /// The window length, or `nil` when each part of the text is one sequence.
    public let window: Int?
    /// The training examples.
    public let training: CharacterWindows
    /// The held-out examples at the end of the text (`data.validation`).
    public let validation: CharacterWindows?

    /// The distinct characters.
    public var vocabulary: Vocabulary { corpus.vocabulary }

    /// Examples from `corpus`: one sequence `text[0..<n-1] → text[1..<n]`, or, with a window
    /// `w`, every `text[i..<i+w] → text[i+1..<i+w+1]` (n − w windows). With `heldOut` > 0, the
    /// last `heldOut` characters form the validation examples, built the same way.
    init(corpus: TextCorpus, window: Int?, heldOut: Int = 0) {
        self.corpus = corpus
        self.window = window
        let end = corpus.count - heldOut
        training = CharacterWindows(corpus: corpus, range: 0..<end, window: window)
        validation = heldOut > 0 ? CharacterWindows(corpus: corpus, range: end..<corpus.count, window: window) : nil
    }

    /// Examples from `text` (for tests and tools).
    public init(text: String, window: Int?) throws {
        self.init(corpus: try TextCorpus(text), window: window)
    }

    /// The dataset of a next-char lesson: its `text`, or its `text_file` without the final line
    /// break, with its window (or `defaultWindow` for a long text) and held-out end.
    ///
    /// - Throws: `LessonError` naming the key: an unreadable file, too short a text or part,
    ///   too many distinct characters.
    public static func load(from file: LessonFile) throws -> CharacterDataset {
        let data = file.lesson.data
        let key = data.textFile == nil ? "text" : "text_file"
        var text = try data.text ?? file.dataText("text_file").text
        while text.last?.isNewline == true { text.removeLast() }
        let corpus: TextCorpus
        do { corpus = try TextCorpus(text) } catch {
            throw file.error(at: ["data", key], "the text has more than \(TextCorpus.largestVocabulary) distinct characters; expected fewer")
        }
        let count = corpus.count
        guard count >= 2 else { throw file.error(at: ["data", key], "the text has \(count) characters; expected at least 2") }
        let heldOut = data.validation.map { Int(Double(count) * $0) } ?? 0
        let trainingCount = count - heldOut
        let window = data.window ?? (trainingCount > longestSequence ? defaultWindow : nil)
        if let window, window >= trainingCount {
            let place = heldOut > 0 ? "\(trainingCount) training characters" : "a text of \(count) characters"
            throw file.error(at: ["data", "window"], "\(window) leaves no window in \(place); expected at most \(trainingCount - 1)")
        }
        if data.validation != nil {
            let needed = (window ?? 1) + 1
            guard heldOut >= needed, trainingCount >= 2 else {
                throw file.error(
                    at: ["data", "validation"],
                    "holds out \(heldOut) of \(count) characters; expected at least \(needed) (a \(window.map { "window of \($0)" } ?? "sequence") and the character after it)")
            }
        }
        return CharacterDataset(corpus: corpus, window: window, heldOut: heldOut)
    }

    /// The length of every training example.
    public var sequenceLength: Int { training.length }
    /// The number of training examples.
    public var exampleCount: Int { training.count }

    /// The characters that follow `shown` (vocabulary indices) where it first appears in the
    /// text, if it does and is followed by as many characters.
    public func continuation(of shown: [Int]) -> [Int]? {
        guard !shown.isEmpty, shown.count < corpus.count,
              let start = corpus.firstPosition(of: shown, before: corpus.count - 1)
        else { return nil }
        return corpus.indices(start + 1..<start + 1 + shown.count)
    }
}

/// The examples of one part of a text: its sliding windows, or the part as one sequence.
public struct CharacterWindows: Sendable {
    /// The text.
    public let corpus: TextCorpus
    /// The part's positions in the text.
    public let range: Range<Int>
    /// The length of every example.
    public let length: Int

    /// Windows of `window` characters over `range` of `corpus` (`nil`: the part is one sequence).
    init(corpus: TextCorpus, range: Range<Int>, window: Int?) {
        self.corpus = corpus
        self.range = range
        length = window ?? range.count - 1
    }

    /// The number of examples.
    public var count: Int { range.count - length }

    /// The input indices of example `e`.
    public func input(_ e: Int) -> [Int] { corpus.indices(range.lowerBound + e..<range.lowerBound + e + length) }
    /// The target indices of example `e`.
    public func target(_ e: Int) -> [Int] { corpus.indices(range.lowerBound + e + 1..<range.lowerBound + e + 1 + length) }
    /// The vocabulary index of character `position` of the part (step `t` of example `e` predicts
    /// character `e + t + 1`).
    public func character(_ position: Int) -> Int { Int(corpus.indices[range.lowerBound + position]) }

    /// The examples `examples` as one batch.
    public func batch(_ examples: [Int]) -> SequenceBatch {
        SequenceBatch(oneHot: examples.map(input), targets: examples.map(target), classes: corpus.vocabulary.count)
    }
}
