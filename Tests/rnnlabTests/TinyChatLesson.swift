import Foundation

/// A small seq2seq lesson written by a test: a few dialog pairs and a GRU of 16 units, which
/// trains in seconds even in a debug build (the project's chatbot takes a minute there).
enum TinyChatLesson {
    /// Writes `NAME.yaml` and `NAME.tsv` into `folder` and returns the lesson file.
    @discardableResult
    static func write(
        named name: String, into folder: URL, pairs: [(question: String, answer: String)], learningRate: Double,
        iterations: Int, seed: Int, shown: String
    ) throws -> URL {
        let dialogs = pairs.map { "\($0.question)\t\($0.answer)\n" }.joined()
        try Data(dialogs.utf8).write(to: folder.appendingPathComponent("\(name).tsv"))
        let lesson = """
            name: \(name)
            title: "A tiny chatbot"
            source: "test"
            task: seq2seq
            data: { dialogs: \(name).tsv }
            model: { cell: gru, layers: 1, hidden: 16, embedding: 8, attention: bahdanau }
            train: { optimizer: adam, learning_rate: \(learningRate), iterations: \(iterations), seed: \(seed) }
            show: { input: "\(shown)", snapshots: [0, \(iterations)] }

            """
        let url = folder.appendingPathComponent("\(name).yaml")
        try Data(lesson.utf8).write(to: url)
        return url
    }
}
