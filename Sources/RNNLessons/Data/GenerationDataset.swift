import RNNCore

/// The examples of a generate lesson (one to many): short inputs, each given once as one vector
/// (`PlaceEncoding`), and the sequences of characters to write for them, each ended by the
/// lesson's end token.
///
/// The network sees the input at step 0 only; every later step's input is zeros, so all it
/// writes after the first step comes from its own state.
public struct GenerationDataset: Sendable {
    /// One input with the output to write.
    public struct Example: Sendable, Equatable {
        /// The input as written ("42").
        public var input: String
        /// The output's characters, without the end token.
        public var output: [String]
        /// Where it was written: the file and its 1-based line.
        public var place: String
    }

    /// The training examples.
    public let train: [Example]
    /// The held-out examples.
    public let test: [Example]
    /// The token that ends every output.
    public let endToken: String
    /// The output characters in order of first appearance in the training outputs, then the end token.
    public let vocabulary: Vocabulary
    /// How an input becomes a vector.
    public let encoding: PlaceEncoding

    /// The header a TSV of a generate lesson may start with.
    static let header = ["input", "output"]
    /// Steps generated past the longest training output before generation is stopped.
    static let extraSteps = 4

    /// The most steps generation runs: the longest training output, its end token, and a few more.
    public var maxSteps: Int { (train.map(\.output.count).max() ?? 0) + 1 + Self.extraSteps }

    /// The index of the end token.
    public var endIndex: Int { vocabulary.count - 1 }

    /// Reads a generate lesson's `tsv` (and `test_tsv`) and splits it.
    ///
    /// - Throws: `LessonError` naming the file and line of an empty field, a line without an
    ///   output, an output holding the end token, or a held-out input or output with characters
    ///   the training examples never have.
    public static func load(from file: LessonFile) throws -> GenerationDataset {
        let data = file.lesson.data
        guard let path = data.tsv, let end = data.end else { preconditionFailure("checked when the lesson was read") }
        func examples(_ path: String, key: String) throws -> [Example] {
            let display = LessonFile.displayPath(file.resolve(path))
            return try TabSeparatedPairs.read(key: key, header: header, in: file).map { pair in
                guard !pair.second.contains(end) else {
                    throw LessonError(
                        "\(display):\(pair.line): the output \(Excerpt.quoted(pair.second)) holds the end token \"\(end)\"; the end token is "
                            + "added after every output (choose another end:)")
                }
                return Example(input: pair.first, output: pair.second.map(String.init), place: "\(display):\(pair.line)")
            }
        }
        let all = try examples(path, key: "tsv")
        let train: [Example], test: [Example]
        if let testPath = data.testTSV {
            (train, test) = (all, try examples(testPath, key: "test_tsv"))
        } else {
            let split = HeldOutSplit(groups: all.map { _ in 0 }, fraction: data.split ?? HeldOutSplit.defaultFraction)
            (train, test) = (split.train.map { all[$0] }, split.test.map { all[$0] })
        }
        let encoding = PlaceEncoding(inputs: train.map(\.input))
        let vocabulary = Vocabulary(tokens: train.flatMap(\.output) + [end], specialTokens: false)
        let dataset = GenerationDataset(train: train, test: test, endToken: end, vocabulary: vocabulary, encoding: encoding)
        for example in test {
            if case .failure(let error) = encoding.encode(example.input) { throw LessonError("\(example.place): \(error.message)") }
            if let unknown = example.output.first(where: { vocabulary.index(of: $0) == nil }) {
                throw LessonError("\(example.place): the output has \(Excerpt.quoted(unknown)), which no training output has")
            }
        }
        return dataset
    }

    /// The vector of `input`; an error naming what is wrong with it.
    public func inputVector(_ input: String) throws -> [Float] {
        switch encoding.encode(input) {
        case .success(let vector): return vector
        case .failure(let error): throw LessonError(error.message)
        }
    }

    /// The inputs of `examples` at step 0 and zeros after it, `[steps][batch][width]`.
    func input(_ inputs: [[Float]], steps: Int) -> Tensor {
        let width = encoding.width
        let tensor = Tensor(shape: [steps, inputs.count, width])
        for (row, vector) in inputs.enumerated() { (tensor.pointer + row * width).update(from: vector, count: width) }
        return tensor
    }

    /// `examples` as one training batch: the inputs, and as targets each output's characters
    /// and the end token, time-major, padded with `CrossEntropy.ignoredTarget`.
    func batch(_ examples: [Example]) -> (input: Tensor, steps: Int, size: Int, targets: [Int]) {
        let steps = examples.map(\.output.count).max()! + 1
        let sequences = examples.map { vocabulary.encode($0.output).indices + [endIndex] }
        var targets: [Int] = []
        targets.reserveCapacity(steps * examples.count)
        for t in 0..<steps {
            for sequence in sequences { targets.append(t < sequence.count ? sequence[t] : CrossEntropy.ignoredTarget) }
        }
        let vectors = examples.map { (try? inputVector($0.input)) ?? [] }
        return (input(vectors, steps: steps), steps, examples.count, targets)
    }

    /// The characters `model` writes for each input vector, up to (not including) its end token
    /// or `maxSteps`, with each step's distribution `[example][t][token]` through the end token.
    func generate(_ model: SequenceModel, _ inputs: [[Float]]) -> [(output: [String], distributions: [[Float]])] {
        guard !inputs.isEmpty else { return [] }
        let steps = maxSteps, batch = inputs.count, classes = vocabulary.count
        let tensor = input(inputs, steps: steps)
        let logits = withExtendedLifetime(tensor) { model.forward(tensor.pointer, steps: steps, batch: batch) }
        return (0..<batch).map { row in
            var written: [String] = [], distributions: [[Float]] = []
            for t in 0..<steps {
                let distribution = CrossEntropy.softmax(
                    Array(UnsafeBufferPointer(start: logits + (t * batch + row) * classes, count: classes)))
                distributions.append(distribution)
                let choice = distribution.indexOfLargest
                if choice == endIndex { break }
                written.append(vocabulary.tokens[choice])
            }
            return (written, distributions)
        }
    }
}
