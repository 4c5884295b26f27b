import Foundation
import RNNTrace

/// Deterministic traces shaped like the lessons', for drawing tests.
enum SyntheticTraces {
    /// Every synthetic trace by name.
    static var all: [(name: String, trace: LessonTrace)] {
        [("hello", hello()), ("one-step", oneStep()), ("long", long()), ("gru2", gru2()), ("seq2seq", seq2seq()),
         ("regression", regression())]
    }

    /// One trace per model size, small to as large as a lesson file allows: the lecture's hello-rnn
    /// (hidden 3), hello (hidden 5), and 3 layers of 4096 units over a 66-character input.
    static var sizes: [(name: String, trace: LessonTrace)] {
        [("tiny", tiny()), ("hello", hello()), ("wide", wideTrace)]
    }

    /// A smooth deterministic "random" value in −1…1.
    static func wave(_ a: Int, _ b: Int, _ seed: Double = 0) -> Float {
        Float(sin(Double(a) * 0.91 + Double(b) * 1.37 + seed) * cos(Double(a) * 0.23 - Double(b) * 0.61 + seed * 2))
    }

    static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    static func softmax(_ v: [Float]) -> [Float] {
        let m = v.max() ?? 0
        let e = v.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// A layer step for `cell` with `hidden` units at step `t`.
    static func layerStep(cell: CellKind, hidden: Int, t: Int, layer: Int, steps: Int) -> LayerStepTrace {
        let seed = Double(layer) * 3.1
        let h = (0..<hidden).map { tanh(2 * wave($0, t, seed)) }
        let norm = Float(pow(0.55, Double(steps - 1 - t))) * (1.5 + 0.3 * wave(t, layer))
        switch cell {
        case .lstm:
            let gates: [String: [Float]] = [
                "i": (0..<hidden).map { sigmoid(3 * wave($0, t, seed + 1)) },
                "f": (0..<hidden).map { sigmoid(3 * wave($0, t, seed + 2)) },
                "g": (0..<hidden).map { tanh(2 * wave($0, t, seed + 3)) },
                "o": (0..<hidden).map { sigmoid(3 * wave($0, t, seed + 4)) },
            ]
            let c = (0..<hidden).map { 2.4 * wave($0, t, seed + 5) }
            return LayerStepTrace(h: h, c: c, gates: gates, preActivations: gates, gradientNorm: norm)
        case .gru:
            let gates: [String: [Float]] = [
                "r": (0..<hidden).map { sigmoid(3 * wave($0, t, seed + 1)) },
                "z": (0..<hidden).map { sigmoid(3 * wave($0, t, seed + 2)) },
                "n": (0..<hidden).map { tanh(2 * wave($0, t, seed + 3)) },
            ]
            return LayerStepTrace(h: h, gates: gates, preActivations: gates, gradientNorm: norm)
        default:
            return LayerStepTrace(h: h, preActivations: ["a": h.map { atanh(min(max($0, -0.999), 0.999)) }],
                                  gradientNorm: norm)
        }
    }

    /// A next-char trace over `input` predicting `target`.
    static func nextChar(
        name: String, title: String, cell: CellKind, layers: Int, hidden: Int, input: [String], target: [String],
        iterations: Int, snapshotIterations: [Int], wrongAt: Set<Int> = []
    ) -> LessonTrace {
        let vocabulary = Array(Set(input + target)).sorted()
        let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        let steps = input.indices.map { t -> StepTrace in
            let x = vocabulary.map { $0 == input[t] ? Float(1) : 0 }
            let layerSteps = (0..<layers).map { layerStep(cell: cell, hidden: hidden, t: t, layer: $0, steps: input.count) }
            let wanted = wrongAt.contains(t) ? (index[target[t]]! + 1) % vocabulary.count : index[target[t]]!
            let logits = vocabulary.indices.map { $0 == wanted ? Float(3.5) : wave($0, t) }
            let probabilities = softmax(logits)
            return StepTrace(t: t, inputToken: input[t], x: x, layers: layerSteps, logits: logits,
                             probabilities: probabilities, prediction: vocabulary[wanted], target: target[t])
        }
        // Iterations 0…N: the last is the trained network.
        let loss = (0...iterations).map { 1.7 * exp(-Double($0) * 9 / Double(max(iterations, 1))) + 0.0005 }
        let snapshots = snapshotIterations.map { k -> Snapshot in
            let progress = Double(k) / Double(max(iterations, 1))
            let predicted = target.indices.map { t -> String in
                let right = Double(t + 1) / Double(target.count + 1) < progress * 1.6
                return right ? target[t] : vocabulary[(index[target[t]]! + 2) % vocabulary.count]
            }
            return Snapshot(iteration: k, loss: loss[k], predicted: predicted,
                            probability: predicted.indices.map { Float(0.25 + 0.7 * progress) * (0.8 + 0.2 * Float(sin(Double($0)))) },
                            correct: zip(predicted, target).map { $0 == $1 })
        }
        let firstRight = snapshots.first { $0.correct.allSatisfy { $0 } }?.iteration
        return LessonTrace(
            lesson: LessonInfo(name: name, title: title, source: "synthetic", task: .nextCharacter),
            model: ModelInfo(cell: cell, layers: layers, hiddenSize: hidden, inputSize: vocabulary.count,
                             outputSize: vocabulary.count, parameterCount: 4 * hidden * (hidden + vocabulary.count + 2)),
            vocabulary: vocabulary,
            training: TrainingHistory(loss: loss, predictions: nil, firstCorrectIteration: firstRight,
                                      optimizer: "Adam, lr 0.1, seed 777"),
            snapshots: snapshots, steps: steps, result: ["loss": loss.last ?? 0], summary: "predicted \(target.joined())")
    }

    static func chars(_ s: String) -> [String] { s.map { String($0) } }

    /// hihell → ihello, LSTM hidden 5, 50 iterations, one wrong final prediction at step 2.
    static func hello() -> LessonTrace {
        nextChar(name: "hello", title: "Teach hello: hihell -> ihello", cell: .lstm, layers: 1, hidden: 5,
                 input: chars("hihell"), target: chars("ihello"), iterations: 50, snapshotIterations: [0, 1, 6, 9, 50],
                 wrongAt: [2])
    }

    /// The lecture's slide: a vanilla RNN of 3 units, hell → ello.
    static func tiny() -> LessonTrace {
        nextChar(name: "hello-rnn", title: "A vanilla RNN learns hello: hell -> ello", cell: .rnn, layers: 1, hidden: 3,
                 input: chars("hell"), target: chars("ello"), iterations: 100, snapshotIterations: [0, 1, 10, 30, 60, 100])
    }

    /// `wide()`, built once (it is large).
    static let wideTrace = wide()

    /// 3 LSTM layers of 4096 units over a 66-character input: every figure must summarise.
    static func wide() -> LessonTrace {
        let text = "if you want to build a ship, don't drum up people to collect wood."
        let input = Array(chars(text).dropLast()), target = Array(chars(text).dropFirst())
        return nextChar(name: "wide", title: "As wide as a lesson gets", cell: .lstm, layers: 3, hidden: 4096,
                        input: input, target: target, iterations: 40, snapshotIterations: [0, 10, 20, 30, 40])
    }

    /// One step of a plain RNN.
    static func oneStep() -> LessonTrace {
        nextChar(name: "one-step", title: "One step: h -> i", cell: .rnn, layers: 1, hidden: 3, input: ["h"],
                 target: ["i"], iterations: 5, snapshotIterations: [0, 5])
    }

    /// 200 steps of text, LSTM hidden 24.
    static func long() -> LessonTrace {
        let text = String(repeating: "if you want to build a ship, don't drum up people to collect wood ", count: 4)
        let input = Array(chars(text).prefix(200))
        let target = Array(chars(text).dropFirst().prefix(200))
        return nextChar(name: "long-sequence", title: "Long sequence: 200 characters", cell: .lstm, layers: 1,
                        hidden: 24, input: input, target: target, iterations: 500, snapshotIterations: [0, 100, 500])
    }

    /// A 2-layer GRU over "hello world!".
    static func gru2() -> LessonTrace {
        nextChar(name: "gru-hello", title: "Two GRU layers: hello world", cell: .gru, layers: 2, hidden: 8,
                 input: chars("hello world"), target: chars("ello world!"), iterations: 120,
                 snapshotIterations: [0, 30, 120], wrongAt: [4, 7])
    }

    /// A seq2seq question and answer with attention.
    static func seq2seq() -> LessonTrace {
        let question = ["how", "are", "you", "today", "?"]
        let answer = ["i", "am", "fine", ",", "thanks", "<eos>"]
        let hidden = 16
        let steps = question.indices.map { t in
            StepTrace(t: t, inputToken: question[t], x: (0..<8).map { wave($0, t, 7) },
                      layers: [layerStep(cell: .gru, hidden: hidden, t: t, layer: 0, steps: question.count)])
        }
        let decoder = answer.indices.map { t -> DecoderStepTrace in
            let attention = softmax(question.indices.map { j in Float(j == min(t, question.count - 1) ? 2.5 : 0) + wave(j, t) })
            return DecoderStepTrace(
                t: t, inputToken: t == 0 ? "<sos>" : answer[t - 1], outputToken: answer[t], attention: attention,
                state: (0..<hidden).map { tanh(2 * wave($0, t, 11)) }, context: (0..<hidden).map { wave($0, t, 13) },
                topTokens: [answer[t], "the", "."], topProbabilities: [0.7, 0.2, 0.1])
        }
        let loss = (0..<300).map { 5.2 * exp(-Double($0) / 120) + 0.3 }
        return LessonTrace(
            lesson: LessonInfo(name: "chatbot", title: "Chatbot: seq2seq with attention", source: "synthetic", task: .seq2seq),
            model: ModelInfo(cell: .gru, layers: 1, hiddenSize: hidden, inputSize: 8, outputSize: 40, embeddingSize: 8,
                             attention: .bahdanau, parameterCount: 5000),
            vocabulary: question + answer,
            training: TrainingHistory(loss: loss, optimizer: "Adam, lr 0.005, batch 32"),
            snapshots: [], steps: steps, decoder: decoder, result: ["loss": loss.last!], summary: "i am fine")
    }

    /// A 7-day window of 5 features predicting the close, with a 100-day test forecast.
    static func regression() -> LessonTrace {
        let features = ["Open", "High", "Low", "Volume", "Close"]
        let steps = (0..<7).map { t in
            StepTrace(t: t, inputToken: "day \(t + 1)", x: features.indices.map { 0.5 + 0.4 * wave($0, t, 5) },
                      layers: [layerStep(cell: .lstm, hidden: 10, t: t, layer: 0, steps: 7)],
                      prediction: t == 6 ? "0.53" : nil, target: t == 6 ? "0.55" : nil)
        }
        let days = Array(510..<732)
        let actual = days.map { 800 + 0.3 * Double($0) + 25 * sin(Double($0) / 9) + 8 * sin(Double($0) * 1.7) }
        let predicted = days.map { 800 + 0.3 * Double($0) + 24 * sin(Double($0 - 1) / 9) + 3 }
        let naive = [actual[0]] + actual.dropLast()
        let loss = (0..<500).map { 40 * exp(-Double($0) / 30) + 0.4 }
        return LessonTrace(
            lesson: LessonInfo(name: "stock", title: "Stock prices: predict tomorrow's close", source: "synthetic",
                               task: .regression),
            model: ModelInfo(cell: .lstm, layers: 1, hiddenSize: 10, inputSize: 5, outputSize: 1, featureNames: features,
                             parameterCount: 691),
            vocabulary: [], training: TrainingHistory(loss: loss, optimizer: "Adam, lr 0.01, seed 777"),
            snapshots: [], steps: steps,
            forecast: ForecastTrace(targetName: "Close", unit: "$", dayIndex: days, actual: actual, predicted: predicted,
                                    naive: naive, testStartDay: 510, totalDays: 732, rmseScaled: 0.0213,
                                    naiveRmseScaled: 0.0187, rmse: 9.87, naiveRmse: 8.64),
            result: ["rmse": 9.87], summary: "RMSE $9.87")
    }
}
