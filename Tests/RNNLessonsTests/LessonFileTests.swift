import Foundation
import RNNLessons
import Testing

/// Lesson files: every project lesson loads, and a wrong file gets one exact line.
@Suite("Lesson files")
struct LessonFileTests {
    @Test("every lesson in lessons/ loads with the issue's settings")
    func projectLessons() throws {
        let names = try LessonCatalog(folder: LessonTestSupport.lessons).files().map { $0.deletingPathExtension().lastPathComponent }
        #expect(names == ["char-sequence", "chatbot", "hello", "hello-rnn", "long-sequence", "sentiment", "spell", "stock"])
        let hello = try LessonTestSupport.lesson("hello").lesson
        #expect(hello.task == .nextCharacter && hello.data.text == "hihello")
        #expect(hello.model == LessonModel(cell: .lstm, layers: 1, hidden: .size(5)))
        #expect(hello.train.learningRate == 0.1 && hello.train.iterations == 50 && hello.train.seed == 777)
        #expect(hello.snapshotIterations == [0, 1, 6, 9, 50])
        let long = try LessonTestSupport.lesson("long-sequence").lesson
        #expect(long.model == LessonModel(cell: .lstm, layers: 2, hidden: .vocabulary) && long.data.window == 10)
        #expect(long.train.iterations == 500)
        let stock = try LessonTestSupport.lesson("stock").lesson
        #expect(stock.loss == .sumSquared && stock.train.learningRate == 0.01 && stock.data.columns?.count == 5)
        let chatbot = try LessonTestSupport.lesson("chatbot").lesson
        #expect(chatbot.model.attention == .bahdanau && chatbot.model.embedding == 64 && chatbot.model.cell == .gru)
    }

    @Test(
        "a wrong lesson gets one line with file, line, column, key, problem and what is allowed",
        arguments: [
            ("cell: lstm", "cell: lstmm", "lesson.yaml:8:16: model.cell: \"lstmm\" is not a cell; expected rnn, lstm or gru"),
            (
                "seed: 777 }", "seed: 777, learningrate: 1 }",
                "lesson.yaml:9:74: train.learningrate: unknown key; expected optimizer, learning_rate, iterations, seed, loss, batch, clip or momentum"
            ),
            ("iterations: 50", "iterations: fifty", "lesson.yaml:9:59: train.iterations: \"fifty\" is not an integer"),
            ("iterations: 50", "iterations: 0", "lesson.yaml:9:59: train.iterations: 0 is not an iteration count; expected 1 to 10000000"),
            ("hidden: 5", "hidden: lots", "lesson.yaml:8:41: model.hidden: \"lots\" is not a hidden size; expected a number or vocab"),
            ("task: next-char", "task: poetry", "lesson.yaml:5:7: task: \"poetry\" is not a task; expected next-char, regression, classify, generate or seq2seq"),
            ("optimizer: adam", "optimizer: adamw", "lesson.yaml:9:21: train.optimizer: \"adamw\" is not an optimizer; expected adam or sgd"),
            ("task: next-char\n", "", "lesson.yaml:2:1: task: missing; a lesson needs task, data and model"),
            ("text: \"hihello\"", "text_file: missing.txt", "lesson.yaml:7:20: data.text_file: missing.txt: no such file"),
            ("text: \"hihello\"", "text_file: /", "lesson.yaml:7:20: data.text_file: /: is a folder, not a file"),
            ("text: \"hihello\"", "text_file: /dev/zero", "lesson.yaml:7:20: data.text_file: /dev/zero: is not a regular file (a device, a pipe or a socket)"),
            (
                "text: \"hihello\"", "csv: x.csv",
                "lesson.yaml:7:9: data.csv: not used by a next-char lesson; expected text, text_file, window or validation"
            ),
            ("text: \"hihello\" }", "text: \"hihello\", validation: 0.9 }", "lesson.yaml:7:38: data.validation: 0.9 is not a held-out fraction; expected a number above 0 and at most 0.5"),
            (
                "text: \"hihello\" }", "text: \"hihello\", validation: 0.2 }",
                "lesson.yaml:7:38: data.validation: holds out 1 of 7 characters; expected at least 2 (a sequence and the character after it)"
            ),
            (
                "input: \"hihell\"", "input: \"hihelp\"",
                "lesson.yaml:10:16: show.input: \"p\" is not a character of the text; expected characters from \"h\" \"i\" \"e\" \"l\" \"o\""
            ),
            ("learning_rate: 0.1", "learning_rate: -1", "lesson.yaml:9:42: train.learning_rate: -1 is not a learning rate; expected a number above 0 and at most 100"),
            ("show: {", "show: [", "lesson.yaml:10:54: not valid YAML (did not find expected ',' or ']')"),
        ])
    func wrongLesson(replacing: String, with replacement: String, expected: String) throws {
        let message = try LessonTestSupport.loadError(LessonTestSupport.hello(replacing: replacing, with: replacement))
        #expect(message == expected)
        #expect(message?.contains("\n") == false)
    }

    @Test("a JSON lesson is read the same way, with lines and columns")
    func jsonLesson() throws {
        let good = """
            {"name": "j", "title": "t", "source": "s", "task": "next-char", "data": {"text": "hihello"},
             "model": {"cell": "gru", "hidden": 5}, "train": {"learning_rate": 0.1, "iterations": 3}}
            """
        #expect(try LessonTestSupport.loadError(good, named: "j.json") == nil)
        let bad = good.replacingOccurrences(of: "\"hidden\": 5", with: "\"hidden\": 5, \"colour\": 1")
        #expect(
            try LessonTestSupport.loadError(bad, named: "j.json")
                == "j.json:2:40: model.colour: unknown key; expected cell, layers, hidden, embedding, attention, forget_bias, bidirectional or readout")
    }

    @Test("a regression lesson checks its CSV: one line naming file:line and column, or the lesson's key")
    func badCSV() throws {
        let stock = try String(contentsOf: LessonTestSupport.lessons.appendingPathComponent("stock.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "stock/data-02-stock_daily.csv", with: "prices.csv")
        let header = "# Open,High,Low,Volume,Close\n"
        let rows = (0..<40).map { "\($0),\($0 + 1),\($0),1000,\($0)\n" }
        let wrongValue = header + rows[0..<20].joined() + "1,2,abc,4,5\n" + rows[20...].joined()
        #expect(
            try LessonTestSupport.loadError(stock, extra: ["prices.csv": wrongValue])
                == "prices.csv:22: column Low (3) is \"abc\"; expected a number")
        let shortRow = header + rows[0..<5].joined() + "1,2,3,4\r\n" + rows[5...].joined()
        #expect(
            try LessonTestSupport.loadError(stock, extra: ["prices.csv": shortRow])
                == "prices.csv:7: column Close (5) is empty; expected a number (or missing: skip or previous in the lesson)")
        let longRow = header + rows[0..<5].joined() + "1,2,3,4,5,6\n" + rows[5...].joined()
        #expect(
            try LessonTestSupport.loadError(stock, extra: ["prices.csv": longRow])
                == "prices.csv:7: 6 fields; expected 5, as the first line has")
        #expect(
            try LessonTestSupport.loadError(stock.replacingOccurrences(of: "window: 7", with: "window: 30"), extra: ["prices.csv": header + rows.joined()])
                == "lesson.yaml:16:11: data.window: 30 rows leave no training or test window in 40 rows split at 0.7; expected fewer rows per window or more rows")
        #expect(
            try LessonTestSupport.loadError(stock.replacingOccurrences(of: "target: Close", with: "target: Price"), extra: ["prices.csv": header + rows.joined()])
                == "lesson.yaml:14:11: data.target: \"Price\" is not a column of prices.csv; it has Open, High, Low, Volume, Close (or give a column number 1 to 5)")
        #expect(
            try LessonTestSupport.loadError(stock, extra: ["prices.csv": "# nothing here\n"])
                == "prices.csv: no rows of numbers; expected lines of Open, High, Low, Volume, Close")
    }

    @Test("the lesson hash covers task, data, model and train: comments, titles, show and compare leave it")
    func hash() throws {
        #expect(LessonHash.of([UInt8]()) == "fnv1a64:cbf29ce484222325")
        #expect(LessonHash.of(Array("a".utf8)) == "fnv1a64:af63dc4c8601ec8c")
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func hash(_ text: String) throws -> String {
            try LessonFile(contentsOf: LessonTestSupport.write(text, named: "hello.yaml", in: folder)).hash
        }
        let hello = try LessonTestSupport.hello()
        let original = try hash(hello)
        let unchanged = [
            hello + "\n# a new comment\n",
            hello.replacingOccurrences(of: "title: \"Teach hello: hihell -> ihello\"", with: "title: \"Another title\""),
            hello.replacingOccurrences(of: "snapshots: [0, 1, 6, 9, 50]", with: "snapshots: [0, 50]"),
            hello.replacingOccurrences(of: "source: \"lecture lab 12-1\"\n", with: ""),
            hello.replacingOccurrences(of: "model: { cell: lstm, layers: 1, hidden: 5 }", with: "model:\n  hidden: 5\n  layers: 1\n  cell: lstm"),
            hello + "compare: { vary: [\"cell=rnn,gru\"] }\n",
        ]
        for text in unchanged { #expect(try hash(text) == original, "\(text)") }
        let changed = [
            hello.replacingOccurrences(of: "hidden: 5", with: "hidden: 6"),
            hello.replacingOccurrences(of: "learning_rate: 0.1", with: "learning_rate: 0.2"),
            hello.replacingOccurrences(of: "text: \"hihello\"", with: "text: \"hihellos\""),
        ]
        for text in changed { #expect(try hash(text) != original, "\(text)") }
    }

    @Test("command-line overrides replace the file's settings")
    func overrides() throws {
        let lesson = try LessonTestSupport.lesson("hello").lesson
        let changed = LessonOverrides(cell: .gru, hidden: 8, layers: 2, iterations: 5, learningRate: 0.05, seed: 1).applied(to: lesson)
        #expect(changed.model == LessonModel(cell: .gru, layers: 2, hidden: .size(8)))
        #expect(changed.train.iterations == 5 && changed.train.learningRate == 0.05 && changed.train.seed == 1)
        #expect(changed.snapshotIterations == [0, 1, 5], "the last iteration, the trained network, is always a snapshot")
        #expect(changed.snapshotsPastTheEnd == [6, 9, 50])
    }

    @Test("an override that changes the lesson gets its own output folder, named after it")
    func overrideFolders() throws {
        let lesson = try LessonTestSupport.lesson("hello").lesson
        #expect(LessonOverrides().folderName(for: lesson) == "hello")
        #expect(LessonOverrides(cell: .gru, hidden: 8).folderName(for: lesson) == "hello-gru-h8")
        #expect(LessonOverrides(layers: 2, iterations: 100, learningRate: 0.05, seed: 3).folderName(for: lesson) == "hello-l2-i100-lr0.05-seed3")
        // Settings the lesson already has change nothing: the lesson's own folder.
        let same = LessonOverrides(cell: .lstm, hidden: 5, iterations: 50, seed: 777)
        #expect(same.folderName(for: lesson) == "hello" && same.changing(lesson).description.isEmpty)
    }
}
