import Foundation
import RNNLessons
import Testing

/// Regression tests of issue #22: lesson files and data that crashed, blew up or passed silently
/// now get one line naming the file, the place and what is expected.
@Suite("Lesson robustness")
struct LessonRobustnessTests {
    /// The hello lesson in block style, so that any key can be emptied on its own line.
    static let blockHello = """
        name: hello
        title: "Teach hello"
        source: "lab 12-1"
        task: next-char
        data:
          text: "hihello"
        model:
          cell: lstm
          layers: 1
          hidden: 5
        train:
          optimizer: adam
          learning_rate: 0.1
          iterations: 50
        show:
          input: "hihell"

        """

    /// The one-line error of reading `text` as `lesson.yaml` (no training), or `nil` if it reads.
    static func readError(_ text: String) -> String? {
        do {
            _ = try LessonFile(bytes: Array(text.utf8), url: URL(fileURLWithPath: "lesson.yaml"))
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test(
        "an empty value is an error saying what is expected, not a trap (Lesson.swift:44, LessonSections.swift:109, :157, :161)",
        arguments: [
            ("task: next-char", "task:", "lesson.yaml:4:6: task: empty; expected next-char, regression, classify, generate or seq2seq"),
            ("cell: lstm", "cell:", "lesson.yaml:8:8: model.cell: empty; expected rnn, lstm or gru"),
            (
                "learning_rate: 0.1", "learning_rate:",
                "lesson.yaml:13:17: train.learning_rate: empty; expected a learning rate, a number above 0 and at most 100"
            ),
            ("iterations: 50", "iterations:", "lesson.yaml:14:14: train.iterations: empty; expected an iteration count, 1 to 10000000"),
            ("hidden: 5", "hidden:", "lesson.yaml:10:10: model.hidden: empty; expected 1 to 4096 or vocab"),
        ])
    func emptyValue(replacing: String, with replacement: String, expected: String) {
        #expect(Self.readError(Self.blockHello.replacingOccurrences(of: replacing, with: replacement)) == expected)
    }

    @Test(
        "an empty section or setting is an error, not silently the default",
        arguments: [
            ("layers: 1", "layers:", "lesson.yaml:9:10: model.layers: empty; expected a layer count, 1 to 8"),
            ("optimizer: adam", "optimizer:", "lesson.yaml:12:13: train.optimizer: empty; expected adam or sgd"),
            ("show:\n  input: \"hihell\"\n", "show:\n", "lesson.yaml:15:6: show: empty; expected a value (leave the key out for its default)"),
            ("input: \"hihell\"", "input: ~", "lesson.yaml:16:10: show.input: empty; expected a value (leave the key out for its default)"),
        ])
    func emptySection(replacing: String, with replacement: String, expected: String) {
        #expect(Self.readError(Self.blockHello.replacingOccurrences(of: replacing, with: replacement)) == expected)
    }

    @Test("a YAML alias bomb is refused before it expands", arguments: [6, 7, 30])
    func aliasBomb(levels: Int) {
        var lines = [#"a0: &a0 ["x","x","x","x","x","x","x","x","x"]"#]
        for level in 1...levels {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]")
        }
        let message = Self.readError(lines.joined(separator: "\n") + "\nname: x\n")
        #expect(message == "lesson.yaml:1:38: the file's aliases (*name) expand it to more than 10000 values; expected a lesson of a few dozen")
    }

    @Test("aliases that expand to a few values are read as usual")
    func smallAliases() {
        let text = Self.blockHello.replacingOccurrences(of: "  learning_rate: 0.1", with: "  learning_rate: &rate 0.1")
            .replacingOccurrences(of: "show:", with: "compare:\n  references:\n    - { source: a, note: *rate }\nshow:")
        #expect(Self.readError(text) == nil)
    }

    @Test("a control character is one line with file, line and column")
    func controlCharacter() {
        let message = Self.readError(Self.blockHello.replacingOccurrences(of: "Teach hello", with: "Teach\u{1}hello"))
        #expect(message == "lesson.yaml:2:14: not valid YAML (control characters are not allowed U+0001); expected printable text")
    }

    @Test("a lesson file over the size limit is refused before it is read")
    func largeFile() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let padding = "# " + String(repeating: "x", count: LessonLimits.fileBytes) + "\n"
        let url = try LessonTestSupport.write(Self.blockHello + padding, named: "big.yaml", in: folder)
        #expect(throws: LessonError("\(url.path): \(LessonLimits.fileBytes + 3 + Self.blockHello.utf8.count) bytes; a lesson file has at most 1000000")) {
            try LessonFile(contentsOf: url)
        }
    }

    @Test("a long value is echoed cut short and escaped")
    func longValue() {
        let message = Self.readError(Self.blockHello.replacingOccurrences(of: "cell: lstm", with: "cell: \"" + String(repeating: "x\\t", count: 5000) + "\""))
        #expect(message == "lesson.yaml:8:9: model.cell: \"" + String(repeating: "x\\t", count: 30) + "…\" (10000 characters) is not a cell; expected rnn, lstm or gru")
    }

    @Test("a huge CSV cell is echoed cut short, control bytes escaped")
    func hugeCSVCell() {
        func problem(_ text: String) -> SeriesTable.Problem? {
            let table = CSVTable(parsing: text, header: true)
            do { _ = try SeriesTable(table, path: "p.csv", columns: ["Open", "Low"], target: "Low", missing: .error) } catch { return error }
            return nil
        }
        let cell = String(repeating: "9", count: 1_000_000) + "\u{7}x"
        #expect(problem("Open,Low\n3,\(cell)\n") == .badCell("2: column Low (2) is \"" + String(repeating: "9", count: 60) + "…\" (1000002 characters); expected a number"))
        #expect(problem("Open,Low\n3,\u{7}\n") == .badCell("2: column Low (2) is \"\\u{7}\"; expected a number"))
    }

    @Test("a dialog answer longer than the limit is refused before training")
    func longAnswer() throws {
        let answer = (0..<2000).map { "w\($0)" }.joined(separator: " ")
        let lesson = """
            name: talk
            title: t
            source: s
            task: seq2seq
            data: { dialogs: talk.tsv }
            model: { cell: gru, hidden: 8, embedding: 4 }
            train: { learning_rate: 0.01, iterations: 1 }

            """
        let message = try LessonTestSupport.loadError(lesson, extra: ["talk.tsv": "hi\thello\nwhat\t\(answer)\n"])
        #expect(message == "talk.tsv:2: the answer has 2000 words; expected at most 100")
    }

    @Test("an input to show longer than the limit is refused before training")
    func longShownInput() throws {
        let long = String(repeating: "hi", count: 5001)
        #expect(
            Self.readError(Self.blockHello.replacingOccurrences(of: "input: \"hihell\"", with: "input: \"\(long)\""))
                == "lesson.yaml:16:10: show.input: 10002 characters; expected at most 10000")
        // A text longer than 1,000 characters is read in windows, and the first window is shown.
        let whole = Self.blockHello.replacingOccurrences(of: "text: \"hihello\"", with: "text: \"\(long)\"")
            .replacingOccurrences(of: "show:\n  input: \"hihell\"\n", with: "")
        #expect(try LessonTestSupport.loadError(whole) == nil)
    }

    @Test("command-line overrides get the lesson file's limits and messages")
    func overrideLimits() {
        #expect(LessonOverrides(learningRate: 1e6).problem == "--learning-rate: 1000000 is not a learning rate; expected a number above 0 and at most 100")
        #expect(LessonOverrides(learningRate: .infinity).problem == "--learning-rate: inf is not a learning rate; expected a number above 0 and at most 100")
        #expect(LessonOverrides(learningRate: -1).problem == "--learning-rate: -1 is not a learning rate; expected a number above 0 and at most 100")
        #expect(LessonOverrides(iterations: 20_000_000).problem == "--iterations: 20000000 is not an iteration count; expected 1 to 10000000")
        #expect(LessonOverrides(hidden: 0).problem == "--hidden: 0 is not a hidden size; expected 1 to 4096")
        #expect(LessonOverrides(layers: 9).problem == "--layers: 9 is not a layer count; expected 1 to 8")
        #expect(LessonOverrides(cell: .gru, hidden: 8, layers: 2, iterations: 10, learningRate: 100, seed: 1).problem == nil)
        #expect(
            Self.readError(Self.blockHello.replacingOccurrences(of: "learning_rate: 0.1", with: "learning_rate: 1e6"))
                == "lesson.yaml:13:18: train.learning_rate: 1000000 is not a learning rate; expected a number above 0 and at most 100")
    }

    @Test("a loss that grows a thousandfold is found, with the hint of a diverged run")
    func lossGrowth() throws {
        let lesson = try LessonTestSupport.lesson("hello").lesson
        #expect(LossGrowth(losses: [1.6, 0.5, 0.01], lesson: lesson) == nil)
        #expect(LossGrowth(losses: [1.6, 900, 1500], lesson: lesson) == nil)
        let growth = try #require(LossGrowth(losses: [1.6, 80, 6.88e7, 2000], lesson: lesson))
        #expect(
            growth.description
                == "hello: the loss grew a thousandfold or more, from 1.6 at iteration 0 to 6.880e+07 at iteration 2; "
                + "lower the learning rate (now 0.1, e.g. --learning-rate 0.01) or limit the gradient with `clip: 1` under train")
    }

    @Test("Excerpt quotes short values whole and cuts long ones")
    func excerpt() {
        #expect(Excerpt.quoted("abc") == "\"abc\"")
        #expect(Excerpt.quoted("a\"b\n\u{1B}c") == "\"a\\\"b\\n\\u{1b}c\"")
        #expect(Excerpt.quoted("abcdef", limit: 3) == "\"abc…\" (6 characters)")
        #expect(Excerpt.bare("abcdef", limit: 3) == "abc… (6 characters)")
        #expect(Excerpt.quoted("👩‍👩‍👧 é") == "\"👩‍👩‍👧 é\"")
    }
}
