import Foundation
import RNNCore
import RNNLessons
import Testing

@Suite("DialogFile")
struct DialogFileTests {
    @Test("reads question<TAB>answer lines, skipping comments and blank lines")
    func tabSeparated() throws {
        let text = "# greetings\n\nhi\thello!\n  what is an rnn? \t a network with memory. \n\n# end\n"
        let pairs = try DialogFile.pairs(parsing: text, path: "dialogs.tsv", layout: .tabSeparated)
        #expect(
            pairs == [
                DialogPair(question: "hi", answer: "hello!", line: 3),
                DialogPair(question: "what is an rnn?", answer: "a network with memory.", line: 4),
            ])
    }

    @Test("reads a chat log as pairs of neighbouring lines that never cross a blank line")
    func chatLog() throws {
        let text = "# a chat\nhi\nhello!\n# aside\nhow are you?\n\nbye\n   \nsee you\ngood night\n"
        let pairs = try DialogFile.pairs(parsing: text, path: "chat.txt", layout: .chatLog)
        #expect(
            pairs == [
                DialogPair(question: "hi", answer: "hello!", line: 2),
                DialogPair(question: "hello!", answer: "how are you?", line: 3),
                DialogPair(question: "see you", answer: "good night", line: 9),
            ])
    }

    @Test("a first line naming the columns (question<TAB>answer, Prompt<TAB>Response:) is a header, skipped; later ones are pairs")
    func headerLine() throws {
        let text = "# my dialogs\nQuestion\tAnswer\nhi\thello\n"
        #expect(try DialogFile.pairs(parsing: text, path: "d.tsv", layout: .tabSeparated) == [DialogPair(question: "hi", answer: "hello", line: 3)])
        let prompts = try DialogFile.pairs(parsing: "prompt\tresponse:\nhi\thello\n", path: "d.tsv", layout: .tabSeparated)
        #expect(prompts.map(\.question) == ["hi"])
        let later = try DialogFile.pairs(parsing: "hi\thello\nquestion\tanswer\n", path: "d.tsv", layout: .tabSeparated)
        #expect(later.map(\.question) == ["hi", "question"])
        #expect(DialogFile.isHeader(["Q", "A"]) && !DialogFile.isHeader(["what is a question?", "an answer"]))
    }

    @Test("a line without a TAB in dialogs is an error that points to chat_log, never a silent chat log")
    func noTabIsNotAChatLog() throws {
        #expect {
            try DialogFile.pairs(parsing: "hi,hello there!\nhow are you?,fine\n", path: "chat.tsv", layout: .tabSeparated)
        } throws: { error in
            String(describing: error)
                == "chat.tsv:1: expected \"question<TAB>answer\", found \"hi,hello there!\" (no tab; a chat log, every line answered by the next, is read with chat_log: instead of dialogs:)"
        }
        // In a chat log a TAB is part of a line.
        #expect(try DialogFile.pairs(parsing: "hi\tthere\nbye\n", path: "chat.txt", layout: .chatLog).map(\.question) == ["hi\tthere"])
    }

    @Test("accepts Windows line endings, a byte-order mark and any script")
    func lineEndingsAndUnicode() throws {
        let text = "\u{FEFF}안녕하세요\t안녕하세요! 반가워요.\r\nhello 👋\thello! 👍🏽\r\n"
        let pairs = try DialogFile.pairs(parsing: text, path: "dialogs.tsv", layout: .tabSeparated)
        #expect(pairs.map(\.question) == ["안녕하세요", "hello 👋"])
        #expect(pairs.map(\.answer) == ["안녕하세요! 반가워요.", "hello! 👍🏽"])
        #expect(pairs.map(\.line) == [1, 2])
    }

    @Test(
        "a malformed tab-separated line gives one line naming file and line",
        arguments: [
            ("hi\thello\nno tab here\n", 2, #""no tab here" (no tab; a chat log, every line answered by the next, is read with chat_log: instead of dialogs:)"#),
            ("hi\thello\na\tb\tc\n", 2, #""a<TAB>b<TAB>c" (2 tabs)"#),
            ("\thello\nhi\tthere\n", 1, #""<TAB>hello" (an empty question)"#),
            ("# c\n\nhi\t  \n", 3, #""hi<TAB>  " (an empty answer)"#),
        ])
    func malformedLine(text: String, line: Int, found: String) {
        #expect {
            try DialogFile.pairs(parsing: text, path: "lessons/chatbot/bad.tsv", layout: .tabSeparated)
        } throws: { error in
            let description = String(describing: error)
            return description == "lessons/chatbot/bad.tsv:\(line): expected \"question<TAB>answer\", found \(found)"
                && !description.contains("\n")
        }
    }

    @Test("a long malformed line is cut short in the message")
    func longExcerpt() throws {
        let text = "hi\tthere\n" + String(repeating: "word ", count: 40)
        let error = try #require(throws: DialogFileError.self) {
            try DialogFile.pairs(parsing: text, path: "long.tsv", layout: .tabSeparated)
        }
        #expect(error.description.hasPrefix("long.tsv:2: expected \"question<TAB>answer\", found \"word word"))
        #expect(error.description.contains("…\" (no tab;"))
        #expect(!error.description.contains("\n"))
    }

    @Test("text without a pair is an error saying what each layout expects")
    func noPairs() throws {
        let chat = try #require(throws: DialogFileError.self) {
            try DialogFile.pairs(parsing: "# only\nhello\n\n", path: "one.txt", layout: .chatLog)
        }
        #expect(chat.description == "one.txt: no dialog pairs found; expected a chat log of two or more lines in a row")
        let tsv = try #require(throws: DialogFileError.self) {
            try DialogFile.pairs(parsing: "# only\nquestion\tanswer\n", path: "one.tsv", layout: .tabSeparated)
        }
        #expect(tsv.description == "one.tsv: no dialog pairs found; expected \"question<TAB>answer\" lines")
    }

    @Test("reads a file and names it in errors about unreadable files and bytes that are not UTF-8")
    func files() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("DialogFileTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let good = directory.appendingPathComponent("good.tsv")
        try Data("hi\thello\n".utf8).write(to: good)
        #expect(try DialogFile.pairs(contentsOf: good, layout: .tabSeparated) == [DialogPair(question: "hi", answer: "hello", line: 1)])

        let bad = directory.appendingPathComponent("bad.tsv")
        try (Data("hi\thello\nca".utf8) + [0xFF, 0xFE] + Data("\tx\n".utf8)).write(to: bad)
        let error = try #require(throws: DialogFileError.self) { try DialogFile.pairs(contentsOf: bad, layout: .tabSeparated) }
        #expect(error == .invalidUTF8(path: bad.path, line: 2, byte: 12))
        #expect(error.description.hasPrefix("\(bad.path):2: not UTF-8 text"))

        let missing = directory.appendingPathComponent("missing.tsv")
        let missingError = try #require(throws: DialogFileError.self) { try DialogFile.pairs(contentsOf: missing, layout: .tabSeparated) }
        #expect(missingError.description == "\(missing.path): no such file")

        let folderError = try #require(throws: DialogFileError.self) { try DialogFile.pairs(contentsOf: directory, layout: .chatLog) }
        #expect(folderError == .unreadable(path: directory.path, reason: "is a folder, not a file"))

        let device = try #require(throws: DialogFileError.self) {
            try DialogFile.pairs(contentsOf: URL(fileURLWithPath: "/dev/zero"), layout: .tabSeparated)
        }
        #expect(device.description == "/dev/zero: is not a regular file (a device, a pipe or a socket)")
    }

    @Test("the chatbot lesson's dialogs load, with distinct questions and a small vocabulary")
    func chatbotDialogs() throws {
        let file = Self.packageRoot.appendingPathComponent("lessons/chatbot/dialogs.tsv")
        let pairs = try DialogFile.pairs(contentsOf: file, layout: .tabSeparated)
        #expect(pairs.count >= 150)

        let tokenizer = WordTokenizer()
        var lineOfQuestion: [[String]: Int] = [:]
        for pair in pairs {
            let question = tokenizer.tokenize(pair.question)
            #expect(
                lineOfQuestion[question] == nil,
                "line \(pair.line) repeats the question of line \(lineOfQuestion[question] ?? 0)")
            lineOfQuestion[question] = lineOfQuestion[question] ?? pair.line
            #expect(!question.isEmpty && !tokenizer.tokenize(pair.answer).isEmpty)
        }

        let vocabulary = Vocabulary(
            tokens: pairs.flatMap { tokenizer.tokenize($0.question) + tokenizer.tokenize($0.answer) })
        #expect(vocabulary.count < 450)
    }

    /// The package root: the nearest folder above this file that holds Package.swift.
    static let packageRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory
    }()
}
