import Testing
@testable import rnnlab

/// Key decoding and what keys do to the viewer, without a terminal.
@Suite struct ViewerStateTests {
    @Test func decodesArrowsHomeEndAndPlainKeys() {
        var decoder = KeyDecoder()
        let bytes: [UInt8] = Array("\u{1B}[C\u{1B}[D\u{1B}OC\u{1B}OD\u{1B}[H\u{1B}[F\u{1B}[1~\u{1B}[4~\u{1B}OH\u{1B}OF".utf8)
        #expect(decoder.decode(bytes) == [.right, .left, .right, .left, .home, .end, .home, .end, .home, .end])
        #expect(decoder.decode(Array("np qsr7\r\n\u{7F}\u{08}\u{03}".utf8)) == [
            .character("n"), .character("p"), .space, .character("q"), .character("s"), .character("r"),
            .character("7"), .enter, .enter, .backspace, .backspace, .interrupt,
        ])
    }

    @Test func ignoresUnknownSequencesAndKeepsSplitOnes() {
        var decoder = KeyDecoder()
        #expect(decoder.decode(Array("\u{1B}[A\u{1B}[B\u{1B}[5~\u{1B}[1;5C\u{1B}[3~\u{04}".utf8)) == [.up, .down, .right, .delete, .endOfInput])
        #expect(decoder.decode(Array("é".utf8)) == [.character("é")])
        #expect(decoder.decode([0xFF, 0x80]) == [], "bytes that are no UTF-8 are dropped")
        #expect(decoder.decode([0x1B, 0x5B]) == [])
        #expect(decoder.decode([0x43]) == [.right])
        #expect(decoder.decode([0x1B]) == [])
        #expect(decoder.decode([], final: true) == [])
        #expect(decoder.decode(Array("q".utf8)) == [.character("q")])
    }

    @Test func keysMoveJumpRevealAndQuit() {
        var state = ViewerState(position: 0, count: 6)
        _ = state.handle(.right)
        _ = state.handle(.character("n"))
        _ = state.handle(.space)
        #expect(state.position == 3)
        _ = state.handle(.left)
        _ = state.handle(.character("p"))
        #expect(state.position == 1)
        _ = state.handle(.end)
        _ = state.handle(.right)
        #expect(state.position == 5)
        _ = state.handle(.home)
        _ = state.handle(.left)
        #expect(state.position == 0)
        _ = state.handle(.character("4"))
        #expect(state.jumpInput == "4")
        _ = state.handle(.enter)
        #expect(state.position == 4 && state.jumpInput.isEmpty)
        _ = state.handle(.character("9"))
        _ = state.handle(.enter)
        #expect(state.position == 4, "a step that does not exist leaves the view where it was")
        #expect(state.status == "There is no step 9: the steps are 0…5. Still at step 4.")
        _ = state.handle(.character("r"))
        #expect(state.reveal.hidesPrediction)
        _ = state.handle(.character("r"))
        #expect(!state.reveal.hidesPrediction && state.reveal.isOn)
        _ = state.handle(.left)
        #expect(state.reveal.hidesPrediction)
        #expect(state.handle(.character("s")) == .save)
        #expect(state.handle(.character("q")) == .quit)
        #expect(state.handle(.interrupt) == .interrupt)
    }
}
