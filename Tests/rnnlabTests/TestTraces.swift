import Foundation
import RNNTrace

/// Small deterministic `LessonTrace`s shaped like the lessons', for the terminal views.
enum TestTraces {
    /// A repeatable pseudo-random number in −1…1 for (`seed`, `a`, `b`).
    static func noise(_ seed: Int, _ a: Int, _ b: Int) -> Float {
        let x = sin(Double(seed) * 17.17 + Double(a) * 12.9898 + Double(b) * 78.233) * 43758.5453
        return Float(2 * (x - x.rounded(.down)) - 1)
    }

    static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    /// A softmax distribution over `count` entries that favours `favourite`.
    static func distribution(count: Int, favourite: Int, seed: Int) -> [Float] {
        let scores = (0..<count).map { exp($0 == favourite ? Float(2.5) : noise(seed, $0, 1)) }
        let total = scores.reduce(0, +)
        return scores.map { $0 / total }
    }

    /// One layer's values at step `t`, with the gates of `cell`.
    static func layer(_ cell: CellKind, hidden: Int, t: Int, seed: Int) -> LayerStepTrace {
        func vector(_ k: Int, _ f: (Float) -> Float) -> [Float] { (0..<hidden).map { f(2 * noise(seed + k, t, $0)) } }
        let h = vector(0, tanh)
        switch cell {
        case .lstm:
            let gates = ["i": vector(1, sigmoid), "f": vector(2, sigmoid), "g": vector(3, tanh), "o": vector(4, sigmoid)]
            return LayerStepTrace(h: h, c: vector(5) { 1.5 * $0 }, gates: gates, preActivations: [:], gradientNorm: 1)
        case .gru:
            let gates = ["r": vector(1, sigmoid), "z": vector(2, sigmoid), "n": vector(3, tanh)]
            return LayerStepTrace(h: h, gates: gates, gradientNorm: 1)
        default:
            return LayerStepTrace(h: h, gradientNorm: 1)
        }
    }

    /// A next-character trace reading `input`, trained towards `target`, wrong at the steps in `wrong`.
    static func characters(name: String, cell: CellKind, layers: Int, hidden: Int, vocabulary: [String],
                           input: String, target: String, wrong: Set<Int> = []) -> LessonTrace {
        let inputs = input.map(String.init), targets = target.map(String.init)
        let steps = inputs.indices.map { t -> StepTrace in
            let targetIndex = vocabulary.firstIndex(of: targets[t])!
            let predicted = wrong.contains(t) ? (targetIndex + 1) % vocabulary.count : targetIndex
            let p = distribution(count: vocabulary.count, favourite: predicted, seed: t)
            return StepTrace(t: t, inputToken: inputs[t], x: vocabulary.map { $0 == inputs[t] ? 1 : 0 },
                             layers: (0..<layers).map { layer(cell, hidden: hidden, t: t, seed: 10 * $0) },
                             logits: p.map { log($0) }, probabilities: p, prediction: vocabulary[predicted],
                             target: targets[t])
        }
        return LessonTrace(
            lesson: LessonInfo(name: name, title: "Teach \(target): \(input) -> \(target)", source: "test", task: .nextCharacter),
            model: ModelInfo(cell: cell, layers: layers, hiddenSize: hidden, inputSize: vocabulary.count,
                             outputSize: vocabulary.count, parameterCount: 100),
            vocabulary: vocabulary, training: TrainingHistory(loss: [1.6, 0.8, 0.1], optimizer: "Adam, lr 0.1"),
            snapshots: [], steps: steps, result: ["loss": 0.1], summary: "predicted \(target)")
    }

    /// hihell → ihello, LSTM hidden 5, vocabulary h i e l o, wrong at t = 3 (predicts "o" for "l").
    static func hello() -> LessonTrace {
        characters(name: "hello", cell: .lstm, layers: 1, hidden: 5, vocabulary: ["h", "i", "e", "l", "o"],
                   input: "hihell", target: "ihello", wrong: [3])
    }

    /// Two stacked GRU layers, hidden 6, over "hello world" (a space token included).
    static func gru2() -> LessonTrace {
        characters(name: "gru2", cell: .gru, layers: 2, hidden: 6, vocabulary: [" ", "!", "d", "e", "h", "l", "o", "r", "w"],
                   input: "hello world", target: "ello world!")
    }

    /// A long input (120 characters) with hidden 24, to exercise windowing and narrow cells.
    static func long() -> LessonTrace {
        let text = String(repeating: "if you want to build a ship ", count: 5)
        let input = String(text.prefix(120)), target = String(text.dropFirst().prefix(120))
        let vocabulary = Array(Set(text.map(String.init))).sorted()
        return characters(name: "long", cell: .lstm, layers: 1, hidden: 24, vocabulary: vocabulary, input: input, target: target)
    }

    /// Stock-like regression: a 7-day window of 5 features, LSTM hidden 10, a prediction at the last day.
    static func stock() -> LessonTrace {
        let features = ["Open", "High", "Low", "Volume", "Close"]
        let steps = (0..<7).map { t in
            StepTrace(t: t, inputToken: "day \(t + 1)", x: features.indices.map { 0.5 + 0.45 * noise(3, t, $0) },
                      layers: [layer(.lstm, hidden: 10, t: t, seed: 30)],
                      prediction: t == 6 ? "0.531" : nil, target: t == 6 ? "0.547" : nil)
        }
        let forecast = ForecastTrace(targetName: "Close", unit: "$", dayIndex: [500, 501], actual: [810, 812],
                                     predicted: [809, 815], naive: [808, 810], testStartDay: 500, totalDays: 502,
                                     rmseScaled: 0.02, naiveRmseScaled: 0.018, rmse: 9.87, naiveRmse: 8.64)
        return LessonTrace(
            lesson: LessonInfo(name: "stock", title: "Stock prices: predict tomorrow's close", source: "test", task: .regression),
            model: ModelInfo(cell: .lstm, layers: 1, hiddenSize: 10, inputSize: 5, outputSize: 1, featureNames: features,
                             parameterCount: 691),
            vocabulary: [], training: TrainingHistory(loss: [1, 0.1], optimizer: "Adam, lr 0.01"),
            snapshots: [], steps: steps, forecast: forecast, result: ["rmse": 9.87], summary: "RMSE $9.87")
    }

    /// A seq2seq question → answer with attention, GRU hidden 8.
    static func chatbot() -> LessonTrace {
        let question = ["how", "are", "you", "today", "?"]
        let answer = ["i", "am", "fine", "<eos>"]
        let steps = question.indices.map { t in
            StepTrace(t: t, inputToken: question[t], x: (0..<4).map { noise(5, t, $0) },
                      layers: [layer(.gru, hidden: 8, t: t, seed: 50)])
        }
        let decoder = answer.indices.map { k -> DecoderStepTrace in
            let attention = distribution(count: question.count, favourite: min(k, question.count - 1), seed: 60 + k)
            return DecoderStepTrace(t: k, inputToken: k == 0 ? "<sos>" : answer[k - 1], outputToken: answer[k],
                                    attention: attention, state: (0..<8).map { tanh(2 * noise(70, k, $0)) },
                                    context: (0..<8).map { noise(80, k, $0) },
                                    topTokens: [answer[k], "the", "."], topProbabilities: [0.71, 0.2, 0.09])
        }
        return LessonTrace(
            lesson: LessonInfo(name: "chatbot", title: "Chatbot: seq2seq with attention", source: "test", task: .seq2seq),
            model: ModelInfo(cell: .gru, layers: 1, hiddenSize: 8, inputSize: 4, outputSize: 30, embeddingSize: 4,
                             attention: .bahdanau, parameterCount: 900),
            vocabulary: question + answer, training: TrainingHistory(loss: [3, 1], optimizer: "Adam"),
            snapshots: [], steps: steps, decoder: decoder, result: ["loss": 1], summary: "i am fine")
    }

    /// Every trace by name.
    static var all: [(name: String, trace: LessonTrace)] {
        [("hello", hello()), ("gru2", gru2()), ("long", long()), ("stock", stock()), ("chatbot", chatbot())]
    }

    /// Writes `trace` as JSON into a fresh temporary folder and returns the file.
    static func write(_ trace: LessonTrace, name: String = "trace") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("\(name).json")
        try JSONEncoder().encode(trace).write(to: url)
        return url
    }
}
