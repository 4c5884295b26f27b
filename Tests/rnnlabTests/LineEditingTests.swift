import Testing
@testable import rnnlab

/// The chat's line editor without a terminal: keys, history and sideways scrolling.
@Suite struct LineEditingTests {
    private func type(_ text: String, into line: inout LineEditing) {
        for character in text { _ = line.handle(character == " " ? .space : .character(character)) }
    }

    @Test func keysEditTheLineAtTheCursor() {
        var line = LineEditing()
        type("what is rnn", into: &line)
        for _ in 0..<3 { _ = line.handle(.left) }
        type("an ", into: &line)
        #expect(line.text == "what is an rnn" && line.textBeforeCursor == "what is an ")
        _ = line.handle(.backspace)
        _ = line.handle(.home)
        _ = line.handle(.delete)
        _ = line.handle(.end)
        type("?", into: &line)
        #expect(line.text == "hat is anrnn?")
        #expect(line.handle(.enter) == .submit("hat is anrnn?") && line.text.isEmpty)
        // Unknown keys do nothing; Ctrl-D ends only an empty line.
        type("x", into: &line)
        #expect(line.handle(.endOfInput) == .editing && line.text == "x")
        _ = line.handle(.backspace)
        #expect(line.handle(.endOfInput) == .endOfInput)
    }

    @Test func upAndDownWalkTheHistoryKeepingTheLineBeingTyped() {
        var line = LineEditing()
        for question in ["hello", "what is an rnn?", "what is an rnn?", ""] {
            type(question, into: &line)
            _ = line.handle(.enter)
        }
        #expect(line.history == ["hello", "what is an rnn?"], "no repeats, no empty lines")
        type("why", into: &line)
        _ = line.handle(.up)
        #expect(line.text == "what is an rnn?" && line.textBeforeCursor == line.text)
        _ = line.handle(.up)
        _ = line.handle(.up)
        #expect(line.text == "hello")
        _ = line.handle(.down)
        _ = line.handle(.down)
        #expect(line.text == "why", "the line being typed comes back")
        _ = line.handle(.down)
        #expect(line.text == "why")
    }

    @Test func otherScriptsAndCombiningMarksStayWhole() {
        var decoder = KeyDecoder()
        var line = LineEditing()
        let bytes = Array("안녕 cafe\u{301} 👍🏽".utf8)
        // Split in the middle of a character: the rest arrives with the next read.
        for key in decoder.decode(Array(bytes[0..<2])) + decoder.decode(Array(bytes[2...])) { _ = line.handle(key) }
        #expect(line.text == "안녕 cafe\u{301} 👍🏽")
        _ = line.handle(.backspace)
        _ = line.handle(.backspace)
        #expect(line.text == "안녕 cafe\u{301}")
    }

    @Test func aLongLineScrollsSidewaysAroundTheCursor() {
        var line = LineEditing()
        type(String(repeating: "abcdefghij", count: 10), into: &line)
        let end = LineReader.visible(line, room: 30)
        #expect(DisplayWidth.of(end.text) <= 29 && end.text.hasPrefix("…") && end.text.hasSuffix("hij"))
        #expect(end.cursorColumn == DisplayWidth.of(end.text))
        _ = line.handle(.home)
        let start = LineReader.visible(line, room: 30)
        #expect(start.cursorColumn == 0 && start.text.hasPrefix("abc") && DisplayWidth.of(start.text) <= 29)
        var short = LineEditing()
        type("hi", into: &short)
        #expect(LineReader.visible(short, room: 30) == ("hi", 2))
    }
}
