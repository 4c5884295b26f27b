import Foundation
import RNNCore
import Testing

@Suite("Vocabulary")
struct VocabularyTests {
    let vocabulary = Vocabulary(tokens: ["hi", "there", "hi", "!", "how", "are", "you"])

    @Test("puts the special tokens first, then tokens in order of first appearance")
    func order() {
        #expect(vocabulary.tokens == ["<pad>", "<sos>", "<eos>", "<unk>", "hi", "there", "!", "how", "are", "you"])
        #expect(vocabulary.count == 10)
        #expect(vocabulary.hasSpecialTokens)
        #expect(vocabulary.index(of: Vocabulary.pad) == Vocabulary.padIndex)
        #expect(vocabulary.index(of: Vocabulary.sos) == Vocabulary.sosIndex)
        #expect(vocabulary.index(of: Vocabulary.eos) == Vocabulary.eosIndex)
        #expect(vocabulary.index(of: Vocabulary.unk) == Vocabulary.unkIndex)
        #expect(Vocabulary(tokens: ["b", "a", "b"]) == Vocabulary(tokens: ["b", "a"]))
        #expect(Vocabulary(tokens: ["a", "b"]) != Vocabulary(tokens: ["b", "a"]))
    }

    @Test("gives special tokens in the input their reserved index")
    func specialTokensInInput() {
        let withSpecials = Vocabulary(tokens: ["<eos>", "hi", "<pad>"])
        #expect(withSpecials.tokens == Vocabulary.specialTokens + ["hi"])
    }

    @Test("looks tokens and indices up")
    func lookUp() {
        #expect(vocabulary.index(of: "how") == 7)
        #expect(vocabulary.index(of: "why") == nil)
        #expect(vocabulary.token(at: 4) == "hi")
        #expect(vocabulary.token(at: 10) == nil)
        #expect(vocabulary.token(at: -1) == nil)
    }

    @Test("encodes unknown words as <unk> and reports each once")
    func unknownWords() {
        let (indices, unknown) = vocabulary.encode(["hi", "robot", "how", "are", "robot", "friends"])
        #expect(indices == [4, 3, 7, 8, 3, 3])
        #expect(unknown == ["robot", "friends"])
        #expect(vocabulary.encode(["hi", "you"]).unknown.isEmpty)
    }

    @Test("decode stops at <eos>, skips <pad> and <sos>, keeps <unk>")
    func decode() {
        #expect(vocabulary.decode([1, 4, 5, 6, 2, 7, 0]) == ["hi", "there", "!"])
        #expect(vocabulary.decode([4, 3, 0, 0]) == ["hi", "<unk>"])
        #expect(vocabulary.decode([]) == [])
    }

    @Test("encode then decode gives the tokens back")
    func roundTrip() {
        let tokenizer = WordTokenizer()
        let text = "안녕하세요! what's an rnn? 👍🏽 café"
        let words = Vocabulary(tokens: tokenizer.tokenize(text))
        let (indices, unknown) = words.encode(tokenizer.tokenize(text))
        #expect(unknown.isEmpty)
        #expect(tokenizer.detokenize(words.decode(indices + [Vocabulary.eosIndex])) == text)
    }

    @Test("a character vocabulary has no special tokens and keeps first appearance order")
    func characters() {
        let hello = Vocabulary(characters: "hihello")
        #expect(hello.tokens == ["h", "i", "e", "l", "o"])
        #expect(!hello.hasSpecialTokens)
        #expect(hello.encode("hihell".map(String.init)).indices == [0, 1, 0, 2, 3, 3])
        #expect(hello.decode([1, 0, 2, 3, 3, 4]).joined() == "ihello")

        let (indices, unknown) = hello.encode(["h", "x", "o"])
        #expect(indices == [0, 4])
        #expect(unknown == ["x"])

        #expect(Vocabulary(characters: "a👍🏽é👍🏽").tokens == ["a", "👍🏽", "é"])
    }

    @Test("survives a JSON round trip and rejects a corrupt list", arguments: [true, false])
    func codable(specialTokens: Bool) throws {
        let original = Vocabulary(tokens: ["h", "e", "l", "o"], specialTokens: specialTokens)
        let data = try JSONEncoder().encode(original)
        #expect(try JSONDecoder().decode(Vocabulary.self, from: data) == original)

        let repeated = Data(#"{"tokens": ["a", "a"], "specialTokens": false}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Vocabulary.self, from: repeated) }
        let noSpecials = Data(#"{"tokens": ["a", "b"], "specialTokens": true}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Vocabulary.self, from: noSpecials) }
    }
}
