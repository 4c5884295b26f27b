import Foundation
import RNNLessons
import Testing

/// Classify lessons on a file of labelled texts and generate lessons: what a wrong file gets —
/// one line naming the file and place — and how the data are read and split.
@Suite("Classify and generate lessons: files and data")
struct ShapeLessonFileTests {
    static let classify = """
        name: words
        title: "Words"
        source: "a test"
        task: classify
        data: { tsv: texts.tsv, labels: [negative, positive] }
        model: { cell: gru, hidden: 4, embedding: 3 }
        train: { learning_rate: 0.05, iterations: 3 }
        """
    static let generate = """
        name: spell-test
        title: "Spell"
        source: "a test"
        task: generate
        data: { tsv: pairs.tsv, end: "." }
        model: { cell: gru, hidden: 4 }
        train: { learning_rate: 0.05, iterations: 3 }
        """
    static let texts = "text\tlabel\ngood class\tpositive\nbad class\tnegative\nnot bad\tpositive\nnot good\tnegative\nfine\tpositive\nawful\tnegative\n"
    /// Every digit at each place three times: whichever two are held out, their parts have trained.
    static let pairs = "input\toutput\n" + [1, 2, 3].flatMap { tens in [1, 2, 3].map { units in
        "\(tens)\(units)\t\(names[tens]) \(names[units])\n"
    } }.joined()
    static let names = ["", "one", "two", "three"]

    /// Loads and runs a lesson, and says what was written in its output folder.
    static func outcome(_ lesson: String, files: [String: String]) throws -> (error: String?, wrote: Bool) {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, contents) in files { try LessonTestSupport.write(contents, named: name, in: folder) }
        let url = try LessonTestSupport.write(lesson, named: "lesson.yaml", in: folder)
        let out = folder.appendingPathComponent("out")
        do {
            _ = try LessonRunner(outputFolder: out).run(try LessonFile(contentsOf: url))
            return (nil, true)
        } catch {
            // The run may have made `out` itself; it must hold nothing.
            let left = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
            return ("\(error)".replacingOccurrences(of: folder.path + "/", with: ""), !left.isEmpty)
        }
    }

    @Test("good files train and write", arguments: [true, false])
    func good(classifying: Bool) throws {
        let result = try Self.outcome(
            classifying ? Self.classify : Self.generate, files: ["texts.tsv": Self.texts, "pairs.tsv": Self.pairs])
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.wrote)
    }

    @Test(
        "bad input: one line naming the file and place, nothing written",
        arguments: [
            (classify, "texts.tsv", "text\tlabel\ngood\tpositive\nbad\tneutral\n",
             "texts.tsv:3: the label \"neutral\" is not one of the lesson's labels; expected negative or positive"),
            (classify, "texts.tsv", "good\tpositive\n\tnegative\n", "texts.tsv:2: the text is empty; expected text<TAB>label"),
            (classify, "texts.tsv", "good\tpositive\nbad class\n", "texts.tsv:2: no label (no TAB); expected text<TAB>label"),
            (classify, "texts.tsv", "# nothing\n", "texts.tsv: no examples; expected lines of text<TAB>label"),
            (classify.replacingOccurrences(of: "tsv: texts.tsv, ", with: ""), "texts.tsv", texts,
             "lesson.yaml:5:7: data.tsv: missing; a classify lesson needs tsv (text<TAB>label lines) and labels, or generate"),
            (generate.replacingOccurrences(of: ", end: \".\"", with: ""), "pairs.tsv", pairs,
             "lesson.yaml:5:7: data.end: missing; a generate lesson needs an end token, the token that ends every output (end: \".\")"),
            (generate, "pairs.tsv", "1\tone.\n", "pairs.tsv:1: the output \"one.\" holds the end token \".\"; the end token is added after every output (choose another end:)"),
            (classify.replacingOccurrences(of: "embedding: 3", with: "readout: first"), "texts.tsv", texts,
             "lesson.yaml:6:41: model.readout: \"first\" is not a readout; expected last or mean"),
        ])
    func bad(lesson: String, file: String, contents: String, message: String) throws {
        let result = try Self.outcome(lesson, files: [file: contents])
        #expect(result.error == message)
        #expect(!result.wrote, "wrote output for: \(message)")
    }

    @Test("a header is recognised only when it names the columns; comments and blank lines are skipped")
    func header() throws {
        let text = "# a comment\n\nText\tLabel\nhello there\tpositive\r\n"
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try LessonTestSupport.write(text + "bye\tnegative\nhi\tpositive\nno\tnegative\n", named: "texts.tsv", in: folder)
        let url = try LessonTestSupport.write(Self.classify, named: "lesson.yaml", in: folder)
        let data = try TextClassificationDataset.load(from: try LessonFile(contentsOf: url))
        #expect(data.train.count + data.test.count == 4)
        #expect((data.train + data.test).contains { $0.text == "hello there" && $0.label == 1 && $0.place.hasSuffix("texts.tsv:4") })
        // Every label trains, and each keeps at least one held out.
        #expect(Set(data.train.map(\.label)) == [0, 1] && Set(data.test.map(\.label)) == [0, 1])
        let known = data.train[0].tokens[0]
        #expect(data.encode([known, "zebra"]).unknown == ["zebra"])
        #expect(data.encode([known, "zebra"]).indices.last == TextClassificationDataset.unknownIndex)
    }

    @Test("a place encoding puts each character in its place, right-aligned, and names what it cannot read")
    func placeEncoding() {
        let encoding = PlaceEncoding(inputs: ["7", "42", "17"])
        #expect(encoding.places == [[" ", "1", "4"], ["2", "7"]])
        #expect(encoding.featureNames == ["␣·", "1·", "4·", "·2", "·7"])
        #expect(encoding.encode("47") == .success([0, 0, 1, 0, 1]))
        #expect(encoding.encode("2") == .success([1, 0, 0, 1, 0]))
        guard case .failure(let error) = encoding.encode("93") else { Issue.record("93 encoded"); return }
        #expect(error.message.contains("\"9\" never stands at place 0"))
        guard case .failure = encoding.encode("123") else { Issue.record("123 encoded"); return }
    }
}
