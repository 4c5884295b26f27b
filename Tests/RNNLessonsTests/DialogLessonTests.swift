import Foundation
import Testing

@testable import RNNLessons

/// Dialog lessons as people write them: chosen explicitly, a header skipped, duplicates reported.
@Suite("Dialog lessons")
struct DialogLessonTests {
    static let model = "model: { cell: gru, hidden: 8, embedding: 4 }\ntrain: { iterations: 2, batch: 2 }\n"

    @Test("a question answered twice in dialogs is one line naming both lines")
    func conflictingQuestions() throws {
        let dialogs = "question\tanswer\nhi\thello\nwhat is an rnn?\ta network\nHi\tgood morning\n"
        let message = try LessonTestSupport.loadError(
            "task: seq2seq\ndata: { dialogs: d.tsv }\n" + Self.model, extra: ["d.tsv": dialogs])
        #expect(message == "d.tsv:4: the question \"Hi\" is answered differently on line 2; expected one answer per question (remove or merge one of them)")
        let repeated = "hi\thello\nhi\thello\nbye\tsee you\n"
        #expect(try LessonTestSupport.loadError("task: seq2seq\ndata: { dialogs: d.tsv }\n" + Self.model, extra: ["d.tsv": repeated]) == nil)
    }

    @Test("a chat log trains line by line; its many answers to one line are a note")
    func chatLog() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try LessonTestSupport.write("hi\nhello\nok\nsee you\n\nhi\nhey there\nok\nbye\n", named: "chat.txt", in: folder)
        let url = try LessonTestSupport.write("task: seq2seq\ndata: { chat_log: chat.txt }\n" + Self.model, named: "chat.yaml", in: folder)
        let outcome = try LessonRunner(outputFolder: folder.appendingPathComponent("out")).run(LessonFile(contentsOf: url))
        #expect(outcome.trace.result["pairs"] == 6)
        #expect(outcome.notes.count == 1)
        let note = try #require(outcome.notes.first)
        #expect(note.hasSuffix("chat.txt: \"hi\" (lines 1 and 6) is answered differently by the lines after it, and 1 more such line; the model learns a mix of their answers"))
    }

    @Test("dialogs and chat_log together, or neither, are one line")
    func oneOfTheTwo() throws {
        let both = try LessonTestSupport.loadError("task: seq2seq\ndata: { dialogs: d.tsv, chat_log: c.txt }\n" + Self.model)
        #expect(both?.hasSuffix("data.chat_log: given together with dialogs; expected one of them (dialogs: question<TAB>answer lines, chat_log: a conversation)") == true)
        let neither = try LessonTestSupport.loadError("task: seq2seq\ndata: { }\n" + Self.model)
        #expect(neither?.hasSuffix("data.dialogs: missing; a seq2seq lesson needs dialogs or chat_log (or generate)") == true)
    }
}
