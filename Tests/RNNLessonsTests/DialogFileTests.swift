import Foundation
import RNNCore
import RNNLessons
import Testing

@Suite("DialogFile")
struct DialogFileTests {
    @Test("reads question<TAB>answer lines, skipping comments and blank lines")
    func tabSeparated() throws {
        let text = "# greetings\n\nhi\thello!\n  what is an rnn? \t a network with memory. \n\n# end\n"
        #expect(DialogFile.layout(of: text) == .tabSeparated)
        let pairs = try DialogFile.pairs(parsing: text, path: "dialogs.tsv")
        #expect(
            pairs == [
                DialogPair(question: "hi", answer: "hello!", line: 3),
                DialogPair(question: "what is an rnn?", answer: "a network with memory.", line: 4),
            ])
    }

    @Test("reads a chat log as pairs of neighbouring lines that never cross a blank line")
    func chatLog() throws {
        let text = "# a chat\nhi\nhello!\n# aside\nhow are you?\n\nbye\n   \nsee you\ngood night\n"
        #expect(DialogFile.layout(of: text) == .chatLog)
        let pairs = try DialogFile.pairs(parsing: text, path: "chat.txt")
        #expect(
            pairs == [
                DialogPair(question: "hi", answer: "hello!", line: 2),
                DialogPair(question: "hello!", answer: "how are you?", line: 3),
                DialogPair(question: "see you", answer: "good night", line: 9),
            ])
    }

    @Test("a TAB in a comment does not make a chat log tab-separated")
    func tabInComment() {
        #expect(DialogFile.layout(of: "#a\tb\nhi\nhello\n") == .chatLog)
    }

    @Test("accepts Windows line endings, a byte-order mark and any script")
    func lineEndingsAndUnicode() throws {
        let text = "\u{FEFF}안녕하세요\t안녕하세요! 반가워요.\r\nhello 👋\thello! 👍🏽\r\n"
        let pairs = try DialogFile.pairs(parsing: text, path: "dialogs.tsv")
        #expect(pairs.map(\.question) == ["안녕하세요", "hello 👋"])
        #expect(pairs.map(\.answer) == ["안녕하세요! 반가워요.", "hello! 👍🏽"])
        #expect(pairs.map(\.line) == [1, 2])
    }

    @Test(
        "a malformed tab-separated line gives one line naming file and line",
        arguments: [
            ("hi\thello\nno tab here\n", 2, #""no tab here" (no tab)"#),
            ("hi\thello\na\tb\tc\n", 2, #""a<TAB>b<TAB>c" (2 tabs)"#),
            ("\thello\nhi\tthere\n", 1, #""<TAB>hello" (an empty question)"#),
            ("# c\n\nhi\t  \n", 3, #""hi<TAB>  " (an empty answer)"#),
        ])
    func malformedLine(text: String, line: Int, found: String) {
        #expect {
            try DialogFile.pairs(parsing: text, path: "lessons/chatbot/bad.tsv")
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
            try DialogFile.pairs(parsing: text, path: "long.tsv")
        }
        #expect(error.description.hasPrefix("long.tsv:2: expected \"question<TAB>answer\", found \"word word"))
        #expect(error.description.hasSuffix("…\" (no tab)"))
        #expect(error.description.count < 120)
    }

    @Test("text without a pair is an error")
    func noPairs() {
        #expect(throws: DialogFileError.noPairs(path: "one.txt")) {
            try DialogFile.pairs(parsing: "# only\nhello\n\n", path: "one.txt")
        }
    }

    @Test("reads a file and names it in errors about unreadable files and bytes that are not UTF-8")
    func files() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("DialogFileTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let good = directory.appendingPathComponent("good.tsv")
        try Data("hi\thello\n".utf8).write(to: good)
        #expect(try DialogFile.pairs(contentsOf: good) == [DialogPair(question: "hi", answer: "hello", line: 1)])

        let bad = directory.appendingPathComponent("bad.tsv")
        try (Data("hi\thello\nca".utf8) + [0xFF, 0xFE] + Data("\tx\n".utf8)).write(to: bad)
        let error = try #require(throws: DialogFileError.self) { try DialogFile.pairs(contentsOf: bad) }
        #expect(error == .invalidUTF8(path: bad.path, line: 2, byte: 12))
        #expect(error.description.hasPrefix("\(bad.path):2: not UTF-8 text"))

        let missing = directory.appendingPathComponent("missing.tsv")
        let missingError = try #require(throws: DialogFileError.self) { try DialogFile.pairs(contentsOf: missing) }
        #expect(missingError.description.hasPrefix("\(missing.path): cannot read dialog file"))
        #expect(!missingError.description.contains("\n"))

        let folderError = try #require(throws: DialogFileError.self) { try DialogFile.pairs(contentsOf: directory) }
        #expect(folderError == .unreadable(path: directory.path, reason: "it is a folder"))
    }

    @Test("the chatbot lesson's dialogs load, with distinct questions and a small vocabulary")
    func chatbotDialogs() throws {
        let file = Self.packageRoot.appendingPathComponent("lessons/chatbot/dialogs.tsv")
        let pairs = try DialogFile.pairs(contentsOf: file)
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
