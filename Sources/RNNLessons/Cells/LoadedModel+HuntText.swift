import Foundation
import RNNCore
import RNNTrace

extension LoadedModel {
    /// The text the cell hunter reads: the file at `url`, or else the lesson's own text — its
    /// held-out end when the lesson keeps one (text the network never trained on) — cut to its
    /// first `length` characters.
    ///
    /// - Throws: `FileError` for a file that cannot be read or is not UTF-8; `LessonError` for a
    ///   text with characters outside the vocabulary (naming them), an empty text, or a model
    ///   from outside given no text.
    /// - Returns: the characters, and what they are for a byline ("its held-out text (the last
    ///   10 %)", "the text of notes.txt").
    public func huntText(file url: URL?, length: Int) throws -> (characters: [String], description: String) {
        _ = try huntedNetwork()
        let text: String
        let what: String
        let description: String
        if let url {
            what = LessonFile.displayPath(url)
            description = "the text of \(what)"
            let bytes = try AtomicFile.read(url)
            guard let decoded = String(validating: bytes, as: UTF8.self) else { throw FileError(path: what, message: "is not UTF-8 text") }
            text = String(decoded.prefix(length))
        } else {
            guard let file else { throw LessonError("\(lesson.source) comes without a text; pass --text FILE in its characters") }
            let dataset = try CharacterDataset.load(from: file)
            let part = dataset.validation ?? dataset.training
            what = dataset.validation == nil ? "\(lesson.name)'s text" : "\(lesson.name)'s held-out text"
            let share = Int((Double(part.range.count) / Double(dataset.corpus.count) * 100).rounded())
            description = dataset.validation == nil ? "its own text" : "its held-out text (the last \(share) %, never trained on)"
            let read = part.range.prefix(length)
            text = read.map { dataset.vocabulary.tokens[Int(dataset.corpus.indices[$0])] }.joined()
        }
        return (try characters(of: text, what: what), description)
    }

    /// The character model the hunter reads.
    ///
    /// - Throws: `LessonError` for any other kind of model, or one not reading one-hot characters.
    func huntedNetwork() throws -> SequenceModel {
        guard case .sequence(let model) = network, task == .nextCharacter else { throw Self.notHuntable(lesson.name, task) }
        try requireOneHot(model)
        return model
    }

    /// Refuses a lesson that is not a character model before anything is trained or read.
    ///
    /// - Throws: `LessonError` naming the lesson's task.
    public static func requireHuntable(_ lesson: Lesson) throws {
        guard lesson.task == .nextCharacter else { throw notHuntable(lesson.name, lesson.task) }
    }

    private static func notHuntable(_ name: String, _ task: LessonTask) -> LessonError {
        LessonError("\(name) is a \(task.rawValue) lesson; the cell hunter reads character models (next-char)")
    }
}
