import Foundation
import RNNCore
import RNNTrace

/// Trains an encoder–decoder on generated strings (`reverse`, `copy`, `sort`) and measures it on
/// held-out strings of every length: token accuracy and exact match, greedy and with beam search.
///
/// The seeds are used as for the memory tasks (`MemoryTaskRunner`): the weights from the lesson's
/// seed, the training strings from the seed's own data stream — so that a model with attention
/// and one without read the same batches — and the test strings from a fixed seed.
struct TransductionRunner: TaskRunner {
    /// Held-out strings per length when the lesson gives none.
    static let defaultTestExamples = 100
    /// The width of the beam search measured beside greedy decoding.
    static let beamWidth = 3
    /// The alphabet's size when the lesson gives none.
    static let defaultSymbols = 10
    /// The lengths when the lesson gives none.
    static let defaultLengths = 3...20

    /// The task `lesson` generates.
    static func task(_ lesson: Lesson) -> TransductionTask {
        TransductionTask(
            kind: lesson.data.generate!, symbols: lesson.data.symbols ?? defaultSymbols,
            lengths: lesson.data.length ?? defaultLengths)
    }

    func metric(for lesson: Lesson) -> HeadlineMetric? {
        let longest = Self.task(lesson).lengths.upperBound
        return HeadlineMetric(
            name: "exact_match_longest", label: "exact match at length \(longest)", lowerIsBetter: false,
            baseline: 0, baselineLabel: "nothing right", solvedAt: 0.8)
    }

    /// The held-out strings of every test length, `[length: pairs]`, the same for every seed.
    static func testSets(_ task: TransductionTask, _ lesson: Lesson) -> [(length: Int, pairs: [(source: [Int], target: [Int])])] {
        var generator = SeededGenerator(seed: MemoryTaskRunner.testSeed)
        let count = lesson.data.testExamples ?? defaultTestExamples
        return task.testLengths.map { length in (length, (0..<count).map { _ in task.draw(length: length, &generator) }) }
    }

    func train(_ file: LessonFile, control: RunControl) throws -> TrainedLesson {
        let lesson = file.lesson
        let task = Self.task(lesson)
        let vocabulary = task.vocabulary
        var generator = SeededGenerator(seed: lesson.train.seed)
        let model = Seq2SeqLessonModel.make(lesson, vocabularySize: vocabulary.count, generator: &generator)
        let optimizer = lesson.makeOptimizer(for: model.parameters)
        var dataGenerator = SeededGenerator(seed: lesson.train.seed ^ MemoryTaskRunner.dataStream)
        let fixed = lesson.data.examples.map { count in (0..<count).map { _ in task.draw(&dataGenerator) } }
        let batchSize = lesson.train.batch ?? MemoryTaskRunner.defaultBatch
        var plan = fixed.map { BatchPlan(count: $0.count, size: batchSize, generator: generator) }
        let tests = Self.testSets(task, lesson)
        let maxLength = task.testLengths.upperBound + 5
        let shown = try Self.shownPair(file, task, tests)
        let question = vocabulary.decode(shown.source), expected = vocabulary.decode(shown.target)

        // Train, answering the shown string at every iteration.
        let snapshotIterations = Set(lesson.snapshotIterations)
        var predictions: [String] = [], right: [Bool] = []
        var kept: [Int: Decoding] = [:]
        let record = try TrainingLoop.run(
            lesson, control: control, weights: { model.namedTensors },
            observe: { iteration in
                let tokens: [Int]
                if snapshotIterations.contains(iteration) {
                    let decoding = model.greedyDecode(shown.source, maxLength: maxLength)
                    kept[iteration] = decoding
                    tokens = decoding.tokens
                } else {
                    tokens = model.greedyAnswers([shown.source], maxLength: maxLength)[0]
                }
                predictions.append(vocabulary.decode(tokens).joined())
                right.append(tokens == shown.target)
            },
            step: { _ in
                let pairs: [(source: [Int], target: [Int])]
                if let fixed, var current = plan {
                    pairs = current.next().map { fixed[$0] }
                    plan = current
                } else {
                    pairs = (0..<batchSize).map { _ in task.draw(&dataGenerator) }
                }
                return model.trainStep(TransductionTask.batch(pairs), optimizer: optimizer, clip: lesson.clipLimit)
            },
            finalLoss: {
                let pairs = fixed ?? (0..<batchSize).map { _ in task.draw(&dataGenerator) }
                let batches = stride(from: 0, to: pairs.count, by: batchSize).map {
                    TransductionTask.batch(Array(pairs[$0..<min($0 + batchSize, pairs.count)]))
                }
                return Double(Seq2SeqLessonModel.loss(of: model, on: batches))
            })
        let losses = record.losses
        let snapshots = kept.keys.sorted().map { iteration in
            Seq2SeqLessonModel.snapshot(kept[iteration]!, iteration: iteration, loss: losses[iteration], expected: expected, vocabulary)
        }

        // Judge the trained model on the held-out strings of every length.
        var result = Self.scores(model, tests: tests, maxLength: maxLength)
        result["final_loss"] = record.finalLoss
        result["iterations"] = Double(lesson.train.iterations)
        result["beam_width"] = Double(Self.beamWidth)
        result["train_length_min"] = Double(task.lengths.lowerBound)
        result["train_length_max"] = Double(task.lengths.upperBound)
        result["exact_match_longest"] = result["exact_match_length_\(task.lengths.upperBound)"]

        // The trained model answering the shown string, step by step; and one string of a few lengths.
        let traced = Seq2SeqSteps(model: model, vocabulary: vocabulary, question: question, expected: expected, maxLength: maxLength)
        let answer = vocabulary.decode(traced.decoding.tokens).joined()
        var trace = LessonTrace(
            lesson: lesson.info,
            model: ModelInfo(model), vocabulary: vocabulary.tokens,
            training: TrainingHistory(
                loss: losses, predictions: predictions, firstCorrectIteration: TrainingLoop.firstStayingTrue(right),
                optimizer: lesson.optimizerCaption),
            snapshots: snapshots, steps: traced.steps, decoder: traced.decoder, result: result,
            metric: metric(for: lesson),
            summary: Self.summary(result, task: task, question: question.joined(), answer: answer))
        trace.examples = Self.examples(model, tests: tests, task: task, vocabulary: vocabulary, maxLength: maxLength)
        return TrainedLesson(
            trace: trace, tensors: model.namedTensors,
            metadata: Seq2SeqLessonModel.metadata(model, file: file, vocabulary: vocabulary, maxLength: maxLength),
            trainingSeconds: record.seconds, evaluationSeconds: record.evaluationSeconds, snapshotWeights: record.snapshotWeights)
    }

    /// `show.input` as letters, or the first held-out string of the longest training length.
    static func shownPair(
        _ file: LessonFile, _ task: TransductionTask, _ tests: [(length: Int, pairs: [(source: [Int], target: [Int])])]
    ) throws -> (source: [Int], target: [Int]) {
        guard let text = file.lesson.show.input else {
            return tests.first { $0.length == task.lengths.upperBound }!.pairs[0]
        }
        let encoded = task.vocabulary.encode(text.map(String.init))
        guard encoded.unknown.isEmpty, (1...TransductionTask.longest).contains(encoded.indices.count) else {
            throw file.error(
                at: ["show", "input"],
                "\"\(text)\" is not a string of the task's letters; expected up to \(TransductionTask.longest) of \(task.letters.joined())")
        }
        return (encoded.indices, task.answer(to: encoded.indices))
    }

    /// Token accuracy and exact match per test length, greedy and with beam search:
    /// `token_accuracy_length_L`, `exact_match_length_L`, `beam_exact_match_length_L`, and
    /// their means over the lengths.
    static func scores(
        _ model: Seq2SeqModel, tests: [(length: Int, pairs: [(source: [Int], target: [Int])])], maxLength: Int
    ) -> [String: Double] {
        var result: [String: Double] = [:]
        var means = (tokens: 0.0, exact: 0.0, beam: 0.0)
        for (length, pairs) in tests {
            let greedy = model.greedyAnswers(pairs.map(\.source), maxLength: maxLength)
            let beam = pairs.map { model.beamSearch($0.source, width: beamWidth, maxLength: maxLength).tokens }
            let targets = pairs.map(\.target)
            let tokens = tokenAccuracy(greedy, targets), exact = exactMatch(greedy, targets), beamExact = exactMatch(beam, targets)
            result["token_accuracy_length_\(length)"] = tokens
            result["exact_match_length_\(length)"] = exact
            result["beam_exact_match_length_\(length)"] = beamExact
            means = (means.tokens + tokens, means.exact + exact, means.beam + beamExact)
        }
        let count = Double(max(tests.count, 1))
        result["token_accuracy"] = means.tokens / count
        result["exact_match"] = means.exact / count
        result["beam_exact_match"] = means.beam / count
        return result
    }

    /// The share of answer positions holding the right token (a missing token is wrong).
    static func tokenAccuracy(_ answers: [[Int]], _ targets: [[Int]]) -> Double {
        var right = 0, total = 0
        for (answer, target) in zip(answers, targets) {
            right += target.indices.filter { $0 < answer.count && answer[$0] == target[$0] }.count
            total += target.count
        }
        return Double(right) / Double(max(total, 1))
    }

    /// The share of answers that are the target, token for token.
    static func exactMatch(_ answers: [[Int]], _ targets: [[Int]]) -> Double {
        Double(zip(answers, targets).filter { $0 == $1 }.count) / Double(max(targets.count, 1))
    }

    /// One held-out string answered, with its attention, at every fifth length and the longest ones.
    static func examples(
        _ model: Seq2SeqModel, tests: [(length: Int, pairs: [(source: [Int], target: [Int])])], task: TransductionTask,
        vocabulary: Vocabulary, maxLength: Int
    ) -> [DecodedExample] {
        let wanted = Set([task.lengths.lowerBound, task.lengths.upperBound, task.testLengths.upperBound]
            + task.testLengths.filter { $0 % 5 == 0 })
        return tests.filter { wanted.contains($0.length) }.map { length, pairs in
            let decoding = model.greedyDecode(pairs[0].source, maxLength: maxLength)
            let attention = decoding.steps.compactMap(\.attention)
            return DecodedExample(
                source: vocabulary.decode(pairs[0].source), target: vocabulary.decode(pairs[0].target),
                answer: vocabulary.decode(decoding.tokens), attention: attention.isEmpty ? nil : attention)
        }
    }

    /// "exact match 0.93 at length 20 (greedy), 0.98 at the shortest; "ijfhg…" → "…"".
    static func summary(_ result: [String: Double], task: TransductionTask, question: String, answer: String) -> String {
        let longest = task.lengths.upperBound, shortest = task.lengths.lowerBound
        return String(
            format: "exact match %.2f at length %d, %.2f at length %d (greedy; %.2f with beam %d); \"%@\" → \"%@\"",
            result["exact_match_length_\(longest)"] ?? .nan, longest, result["exact_match_length_\(shortest)"] ?? .nan, shortest,
            result["beam_exact_match_length_\(longest)"] ?? .nan, beamWidth, question, answer)
    }
}
