import Foundation
import RNNCore

/// A lesson's question–answer pairs, tokenized into words and encoded with one vocabulary
/// (the special tokens first, then words in order of first appearance).
struct DialogDataset {
    /// The pairs as read, with their line numbers.
    let pairs: [DialogPair]
    /// Each question's words.
    let questions: [[String]]
    /// Each answer's words.
    let answers: [[String]]
    /// Questions and answers share it.
    let vocabulary: Vocabulary
    /// Each question's token indices.
    let sources: [[Int]]
    /// Each answer's token indices.
    let targets: [[Int]]
    /// How the dialogs write the space between two words, for writing answers as they do.
    let spacing: TokenSpacing

    /// The tokenizer of questions, answers and the user's input.
    static let tokenizer = WordTokenizer()

    /// What the user should be told about the dialogs, one line each (questions a chat log
    /// answers in more than one way).
    let notes: [String]

    /// Reads the lesson's `data.dialogs` (question<TAB>answer lines) or `data.chat_log` file.
    static func load(from file: LessonFile) throws -> DialogDataset {
        let data = file.lesson.data
        let (path, layout): (String, DialogLayout) =
            if let chatLog = data.chatLog { (chatLog, .chatLog) } else { (data.dialogs!, .tabSeparated) }
        let url = file.resolve(path)
        let pairs = try DialogFile.pairs(contentsOf: url, layout: layout)
        return try DialogDataset(pairs: pairs, path: LessonFile.displayPath(url), layout: layout)
    }

    /// Tokenizes and encodes `pairs`; a pair whose question has no words is an error naming its
    /// line, and so is, in a question<TAB>answer file, a question answered in two ways (a chat
    /// log's are noted: people answer "ok" in many ways).
    init(pairs: [DialogPair], path: String, layout: DialogLayout = .tabSeparated) throws {
        let questions = pairs.map { Self.tokenizer.tokenize($0.question) }
        let answers = pairs.map { Self.tokenizer.tokenize($0.answer) }
        if let empty = questions.indices.first(where: { questions[$0].isEmpty }) {
            throw LessonError("\(path):\(pairs[empty].line): the question has no words; expected text before the tab")
        }
        for (part, texts) in [("question", questions), ("answer", answers)] {
            if let long = texts.indices.first(where: { texts[$0].count > LessonLimits.dialogWords }) {
                throw LessonError(
                    "\(path):\(pairs[long].line): the \(part) has \(texts[long].count) words; expected at most \(LessonLimits.dialogWords)")
            }
        }
        let conflicts = Self.conflicts(questions: questions, answers: answers)
        var notes: [String] = []
        if let (first, second) = conflicts.first {
            switch layout {
            case .tabSeparated:
                throw LessonError(
                    "\(path):\(pairs[second].line): the question \"\(pairs[second].question)\" is answered differently on line "
                        + "\(pairs[first].line); expected one answer per question (remove or merge one of them)")
            case .chatLog:
                let more = conflicts.count > 1 ? ", and \(conflicts.count - 1) more such line\(conflicts.count == 2 ? "" : "s")" : ""
                notes.append(
                    "\(path): \"\(pairs[second].question)\" (lines \(pairs[first].line) and \(pairs[second].line)) is answered "
                        + "differently by the lines after it\(more); the model learns a mix of their answers")
            }
        }
        let vocabulary = Vocabulary(tokens: zip(questions, answers).flatMap { $0 + $1 })
        self.pairs = pairs
        self.questions = questions
        self.answers = answers
        self.vocabulary = vocabulary
        self.notes = notes
        sources = questions.map { vocabulary.encode($0).indices }
        targets = answers.map { vocabulary.encode($0).indices }
        spacing = TokenSpacing(texts: pairs.flatMap { [$0.question, $0.answer] }, tokenizer: Self.tokenizer)
    }

    /// The pairs (earlier, later) whose questions are the same words with different answers,
    /// each later pair with the first earlier one it contradicts.
    private static func conflicts(questions: [[String]], answers: [[String]]) -> [(Int, Int)] {
        var first: [[String]: Int] = [:]
        var found: [(Int, Int)] = []
        for (index, question) in questions.enumerated() {
            if let earlier = first[question] {
                if answers[earlier] != answers[index] { found.append((earlier, index)) }
            } else {
                first[question] = index
            }
        }
        return found
    }

    /// `words` joined into text as the dialogs write them ("tanh(w_hh h_t-1", "between -1 and 1").
    func text(of words: [String]) -> String { Self.tokenizer.detokenize(words, spacing: spacing) }

    /// The number of pairs.
    var count: Int { pairs.count }

    /// The pairs at `indices` as a padded batch, in the order in which training skips the most
    /// padding (`Seq2SeqBatch.decodingOrder`).
    func batch(_ indices: [Int]) -> Seq2SeqBatch {
        let ordered = Seq2SeqBatch.decodingOrder(answerLengths: indices.map { targets[$0].count }).map { indices[$0] }
        return Seq2SeqBatch(sources: ordered.map { sources[$0] }, targets: ordered.map { targets[$0] })
    }

    /// The longest answer, in tokens: a bound for decoding.
    var longestAnswer: Int { targets.map(\.count).max() ?? 0 }

    /// The answer the corpus gives to `question` (compared word by word), if it has one.
    func answer(to question: [String]) -> [String]? {
        questions.firstIndex(of: question).map { answers[$0] }
    }
}
