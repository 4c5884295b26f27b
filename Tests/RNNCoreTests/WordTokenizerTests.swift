import RNNCore
import Testing

@Suite("WordTokenizer")
struct WordTokenizerTests {
    let tokenizer = WordTokenizer()

    @Test("lower-cases and splits punctuation off words")
    func punctuation() {
        #expect(tokenizer.tokenize("Hi, there!") == ["hi", ",", "there", "!"])
        #expect(tokenizer.tokenize("What is an RNN?") == ["what", "is", "an", "rnn", "?"])
        #expect(tokenizer.tokenize("h_t = tanh(x)") == ["h_t", "=", "tanh", "(", "x", ")"])
        #expect(tokenizer.tokenize("wait...") == ["wait", ".", ".", "."])
    }

    @Test("splits on any whitespace and ignores invisible format characters")
    func whitespace() {
        #expect(tokenizer.tokenize("  one\ttwo\nthree\r\n ") == ["one", "two", "three"])
        #expect(tokenizer.tokenize("\u{FEFF}zero\u{200B}width") == ["zero", "width"])
        #expect(tokenizer.tokenize("") == [])
        #expect(tokenizer.tokenize(" \n ") == [])
    }

    @Test("keeps apostrophes and hyphens inside words, digits together")
    func joiners() {
        #expect(tokenizer.tokenize("Don't stop, what's next?") == ["don't", "stop", ",", "what's", "next", "?"])
        #expect(tokenizer.tokenize("don’t") == ["don't"])
        #expect(tokenizer.tokenize("'quoted'") == ["'", "quoted", "'"])
        #expect(tokenizer.tokenize("one-to-many - done") == ["one-to-many", "-", "done"])
        #expect(tokenizer.tokenize("pi is 3.14, not 1,000.") == ["pi", "is", "3.14", ",", "not", "1,000", "."])
    }

    @Test("keeps Korean and accented words whole")
    func scripts() {
        #expect(tokenizer.tokenize("안녕하세요! 반가워요.") == ["안녕하세요", "!", "반가워요", "."])
        #expect(tokenizer.tokenize("Café Noël") == ["café", "noël"])
        // A decomposed é (e + U+0301) is one Character and stays in the word.
        #expect(tokenizer.tokenize("cafe\u{301}!") == ["cafe\u{301}", "!"])
        #expect(tokenizer.tokenize("नमस्ते दुनिया") == ["नमस्ते", "दुनिया"])
    }

    @Test("makes every emoji its own token, never splitting or dropping it")
    func emoji() {
        #expect(tokenizer.tokenize("hello🙂") == ["hello", "🙂"])
        #expect(tokenizer.tokenize("nice👍🏽work") == ["nice", "👍🏽", "work"])
        #expect(tokenizer.tokenize("coder👩‍💻") == ["coder", "👩‍💻"])
        #expect(tokenizer.tokenize("🙂🙂") == ["🙂", "🙂"])
        #expect(tokenizer.tokenize("press 1️⃣ now") == ["press", "1️⃣", "now"])
        #expect(tokenizer.tokenize("go 🇰🇷!") == ["go", "🇰🇷", "!"])
    }

    @Test("detokenize writes punctuation without a space before it")
    func detokenize() {
        #expect(tokenizer.detokenize(["hi", ",", "there", "!"]) == "hi, there!")
        #expect(tokenizer.detokenize(["what", "is", "h_t", "?"]) == "what is h_t?")
        #expect(tokenizer.detokenize(["a", "gate", "(", "i", ")", "."]) == "a gate (i).")
        #expect(tokenizer.detokenize(["he", "said", "\"", "hi", "\"", "."]) == "he said \"hi\".")
        #expect(tokenizer.detokenize(["¡", "hola", "!"]) == "¡hola!")
        #expect(tokenizer.detokenize([]) == "")
    }

    @Test("tokens as written say whether a space came before them")
    func asWritten() {
        let written = tokenizer.tokenizeAsWritten("tanh(w_hh x) is -1 or 1 .")
        #expect(written.map(\.text) == ["tanh", "(", "w_hh", "x", ")", "is", "-", "1", "or", "1", "."])
        #expect(written.map(\.spaceBefore) == [false, false, false, true, false, true, true, false, true, true, true])
    }

    /// The general rules write "tanh (w_hh" and "- 1"; the corpus's own spacing wins where it knows the pair.
    @Test("detokenize with a corpus's spacing joins tokens as the corpus writes them")
    func corpusSpacing() {
        let texts = ["h_t = tanh(w_hh h_t-1 + w_xh x_t).", "it keeps every value between -1 and 1, so it does not explode.",
                     "h_t = (1 - z) * n + z * h_t-1.", "c_t = f * c_t-1 + i * g; h_t = o * tanh(c_t)."]
        let spacing = TokenSpacing(texts: texts)
        for text in texts {
            #expect(tokenizer.detokenize(tokenizer.tokenize(text), spacing: spacing) == text)
        }
        #expect(tokenizer.detokenize(tokenizer.tokenize(texts[0])) == "h_t = tanh (w_hh h_t-1 + w_xh x_t).")
        #expect(spacing.spaceBetween("tanh", "(") == false && spacing.spaceBetween("-", "z") == true)
        // Pairs the corpus never wrote side by side follow the general rules.
        #expect(spacing.spaceBetween("hi", ",") == nil)
        #expect(tokenizer.detokenize(["hi", ",", "tanh", "(", "x", ")", "!"], spacing: spacing) == "hi, tanh(x)!")
    }

    @Test("detokenize undoes tokenize up to case and spacing",
          arguments: ["hi, there!", "what's an rnn? a network with memory.", "안녕하세요! 반가워요.",
                      "nice 👍🏽 work 👩‍💻!", "h_t = w_hh h_t-1 + w_xh x_t."])
    func roundTrip(text: String) {
        #expect(tokenizer.detokenize(tokenizer.tokenize(text)) == text)
    }
}

