import RNNCore

/// The texts of a classify lesson with their labels, split into training and held-out parts,
/// read as words (the word tokenizer) or characters.
///
/// The vocabulary is `<pad>`, `<unk>`, then the training texts' tokens in order of first
/// appearance: a held-out text may hold tokens the network never saw, and reads them as
/// `<unk>` — a zero vector (`TextClassifierModel.silenceUnknownToken`), which tells it nothing.
public struct TextClassificationDataset: Sendable {
    /// One text with its label.
    public struct Example: Sendable, Equatable {
        /// The text as written.
        public var text: String
        /// Its tokens.
        public var tokens: [String]
        /// The index of its label in `labels`.
        public var label: Int
        /// Where it was written: the file and its 1-based line.
        public var place: String
    }

    /// The index of `<pad>`, which fills the steps after a shorter text's end.
    public static let padIndex = 0
    /// The index of `<unk>`, which stands for every token the training texts do not have.
    public static let unknownIndex = 1

    /// The labels, in the order of the model's outputs.
    public let labels: [String]
    /// How texts are split into tokens.
    public let tokenKind: TokenKind
    /// The training texts.
    public let train: [Example]
    /// The held-out texts.
    public let test: [Example]
    /// `<pad>`, `<unk>`, then the training tokens.
    public let vocabulary: Vocabulary

    /// The header a TSV of texts may start with.
    static let header = ["text", "label"]

    /// Reads a classify lesson's `tsv` (and `test_tsv`), checks every label, and splits.
    ///
    /// - Throws: `LessonError` naming the file and line of a label outside `labels`, an empty
    ///   text or a line without a label; or naming the lesson's key when a label has no example.
    public static func load(from file: LessonFile) throws -> TextClassificationDataset {
        let data = file.lesson.data
        guard let path = data.tsv, let labels = data.labels else { preconditionFailure("checked when the lesson was read") }
        let kind = data.tokens ?? .words
        func examples(_ path: String, key: String) throws -> [Example] {
            let display = LessonFile.displayPath(file.resolve(path))
            return try TabSeparatedPairs.read(key: key, header: header, in: file).map { pair in
                guard let label = labels.firstIndex(of: pair.second) else {
                    throw LessonError(
                        "\(display):\(pair.line): the label \(Excerpt.quoted(pair.second)) is not one of the lesson's labels; expected \(listing(labels))")
                }
                let tokens = Self.tokens(of: pair.first, kind: kind)
                guard !tokens.isEmpty else { throw LessonError("\(display):\(pair.line): the text has no \(kind.rawValue)") }
                return Example(text: pair.first, tokens: tokens, label: label, place: "\(display):\(pair.line)")
            }
        }
        let all = try examples(path, key: "tsv")
        let train: [Example], test: [Example]
        if let testPath = data.testTSV {
            (train, test) = (all, try examples(testPath, key: "test_tsv"))
        } else {
            let split = HeldOutSplit(groups: all.map(\.label), fraction: data.split ?? HeldOutSplit.defaultFraction)
            (train, test) = (split.train.map { all[$0] }, split.test.map { all[$0] })
        }
        for (index, label) in labels.enumerated() where !train.contains(where: { $0.label == index }) {
            throw file.error(at: ["data", "labels"], "no training text has the label \"\(label)\"; every label needs examples")
        }
        let vocabulary = Vocabulary(tokens: [Vocabulary.pad, Vocabulary.unk] + train.flatMap(\.tokens), specialTokens: false)
        return TextClassificationDataset(labels: labels, tokenKind: kind, train: train, test: test, vocabulary: vocabulary)
    }

    /// The tokens of `text`: its words and punctuation (lower-cased), or its characters.
    public static func tokens(of text: String, kind: TokenKind) -> [String] {
        switch kind {
        case .words: WordTokenizer().tokenize(text)
        case .characters: text.lowercased().map(String.init)
        }
    }

    /// The tokens of `text` as this dataset reads them.
    public func tokens(of text: String) -> [String] { Self.tokens(of: text, kind: tokenKind) }

    /// The indices of `tokens` (unknown ones as `<unk>`) and the distinct unknown tokens.
    public func encode(_ tokens: [String]) -> (indices: [Int], unknown: [String]) {
        var unknown: [String] = []
        let indices = tokens.map { token in
            if let index = vocabulary.index(of: token), index != Self.padIndex { return index }
            if !unknown.contains(token) { unknown.append(token) }
            return Self.unknownIndex
        }
        return (indices, unknown)
    }

    /// The label most training texts have (the first of equals): what a network that learnt
    /// nothing but the counts would always answer.
    public var majorityLabel: Int {
        let counts = labels.indices.map { label in train.filter { $0.label == label }.count }
        return counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) } ?? 0
    }

    /// `examples` as one batch, padded to the longest.
    func batch(_ examples: [Example], oneHot: Bool) -> TokenBatch {
        TokenBatch(
            sequences: examples.map { encode($0.tokens).indices }, labels: examples.map(\.label), padIndex: Self.padIndex,
            oneHotWidth: oneHot ? vocabulary.count : nil)
    }
}
