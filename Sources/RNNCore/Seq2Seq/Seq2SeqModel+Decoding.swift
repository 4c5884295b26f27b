import Foundation

/// What a decoder step computed for one hypothesis, as a recorder sees it.
public struct DecoderStepRecord: Sendable {
    /// The step, from 0.
    public var step: Int
    /// The token fed in (`<sos>` at step 0).
    public var inputToken: Int
    /// The token this hypothesis chose at this step.
    public var chosenToken: Int
    /// Attention weights over the source, when the model attends.
    public var attention: [Float]?
    /// The top decoder state after the step.
    public var state: [Float]
    /// The context vector read at this step.
    public var context: [Float]
    /// The most likely next tokens, most likely first, and their probabilities.
    public var topTokens: [Int]
    /// The probabilities of `topTokens`.
    public var topProbabilities: [Float]
}

/// A partial or finished answer kept (or dropped) by beam search.
public struct Hypothesis: Sendable {
    /// The tokens chosen so far (without `<sos>`; with `<eos>` when finished).
    public var tokens: [Int]
    /// The sum of the tokens' log-probabilities.
    public var logProbability: Float
    /// Whether the hypothesis ended with `<eos>` (or reached the length limit).
    public var finished: Bool
    /// Every step of this hypothesis.
    public var steps: [DecoderStepRecord]
}

/// Receives what decoding computed.
public protocol DecodingRecorder: AnyObject {
    /// After each decoder step, for every hypothesis that was extended.
    func recordDecoderStep(_ record: DecoderStepRecord, hypothesis: Int)
    /// After each beam step: the hypotheses kept and those dropped.
    func recordBeamStep(step: Int, kept: [Hypothesis], dropped: [Hypothesis])
}

/// The answer found by decoding, with the steps that produced it.
public struct Decoding {
    /// The answer's tokens, without `<sos>` and `<eos>`.
    public var tokens: [Int]
    /// The sum of log-probabilities of the answer's tokens (and `<eos>`).
    public var logProbability: Float
    /// Each decoder step of the answer (attention row, state, context, top tokens).
    public var steps: [DecoderStepRecord]
    /// The encoder's step-by-step values for the question, when recorded.
    public var encoderHistory: StepHistory?
}

extension Seq2SeqModel {
    /// The answer with the most likely token at every step.
    public func greedyDecode(
        _ source: [Int], maxLength: Int = 30, topCount: Int = 5, recorder: (any DecodingRecorder)? = nil,
        recordEncoder: Bool = false
    ) -> Decoding {
        beamSearch(source, width: 1, maxLength: maxLength, topCount: topCount, recorder: recorder, recordEncoder: recordEncoder)
    }

    /// Beam search: keeps the `width` most likely unfinished answers at every step and returns
    /// the finished answer with the best score `log p / length^lengthPenalty` (the length counts
    /// `<eos>`; 0 compares raw log-probabilities, 1 the mean log-probability per token). Width 1
    /// is greedy decoding.
    ///
    /// An extension by `<eos>` (or one reaching `maxLength` tokens) that ranks among the `width`
    /// best is finished and set aside without taking an unfinished answer's place, and the search
    /// goes on until no unfinished answer can still beat the best finished one: more tokens only
    /// lower log p, so an unfinished answer scores at most `log p / maxLength^lengthPenalty`.
    /// A short answer therefore never wins just because it stopped paying for tokens early.
    ///
    /// `forcing` gives tokens the decoder must write at some steps (`[step: token]`, "what if it
    /// wrote this word here?"): every hypothesis takes that token there, at the probability the
    /// model gives it, and goes on from it.
    public func beamSearch(
        _ source: [Int], width: Int, maxLength: Int = 30, lengthPenalty: Float = 1, topCount: Int = 5,
        recorder: (any DecodingRecorder)? = nil, recordEncoder: Bool = false, forcing: [Int: Int] = [:]
    ) -> Decoding {
        precondition(width >= 1 && !source.isEmpty, "beam search needs a width ≥ 1 and a source token")
        let history = recordEncoder ? StepHistory() : nil
        let encoded = encode(tokens: source, steps: source.count, batch: 1, mask: nil, recorder: history)
        let H = shape.hiddenSize, W = shape.encoderWidth, C = shape.contextWidth, S = source.count
        let encoderOutputs = Tensor(shape: [S, W])
        encoderOutputs.pointer.update(from: encoded.outputs, count: S * W)
        let encoderFinal = encoded.final
        var live = [Hypothesis(tokens: [], logProbability: 0, finished: false, steps: [])]
        var states = [encoderFinal]
        var finished: [Hypothesis] = []
        func score(_ hypothesis: Hypothesis) -> Float {
            hypothesis.logProbability / pow(Float(max(hypothesis.tokens.count, 1)), lengthPenalty)
        }
        /// The best score an unfinished hypothesis can still reach.
        func bestReachable(_ hypothesis: Hypothesis) -> Float {
            hypothesis.logProbability / pow(Float(maxLength), lengthPenalty)
        }

        for step in 0..<maxLength where !live.isEmpty {
            let n = live.count
            let batchState = RecurrentState.stacking(states)
            // The encoder outputs repeated for each hypothesis, [S][n][H].
            let repeated = Tensor(shape: [S, n, W])
            for j in 0..<S {
                for b in 0..<n { (repeated.pointer + (j * n + b) * W).update(from: encoderOutputs.pointer + j * W, count: W) }
            }
            beginDecoding(
                steps: 1, batch: n, state: batchState, encoderOutputs: repeated.pointer, sourceSteps: S, mask: nil,
                encoderFinal: RecurrentState.stacking(Array(repeating: encoderFinal, count: n)))
            let inputs = live.map { $0.tokens.last ?? Vocabulary.sosIndex }
            attention?.overrideStep = step
            defer { attention?.overrideStep = nil }
            let top = decodeStep(at: 0, embedded: decoderEmbedding.forward(inputs), rows: 0..<n, recorder: nil)
            let scores = output.forward(top, rows: n)
            let probabilities = Tensor(shape: [n, shape.vocabularySize])
            CrossEntropy.softmax(logits: scores, rows: n, classes: shape.vocabularySize, into: probabilities.pointer)
            let nextStates = decoder.finalState().split()

            var candidates: [(parent: Int, token: Int, logProbability: Float)] = []
            var records: [DecoderStepRecord] = []
            for b in 0..<n {
                let row = Array(UnsafeBufferPointer(start: probabilities.pointer + b * shape.vocabularySize, count: shape.vocabularySize))
                let ranked = Self.mostLikely(row, count: max(width, topCount))
                for token in forcing[step].map({ [$0] }) ?? Array(ranked.prefix(width)) {
                    candidates.append((b, token, live[b].logProbability + Foundation.log(max(row[token], 1e-30))))
                }
                let context = attention.map { Array(UnsafeBufferPointer(start: $0.context(at: 0) + b * C, count: C)) }
                    ?? Array(UnsafeBufferPointer(start: fixedContext.pointer + b * C, count: C))
                let record = DecoderStepRecord(
                    step: step, inputToken: inputs[b], chosenToken: ranked[0],
                    attention: attention.map { Array(UnsafeBufferPointer(start: $0.weights(at: 0) + b * S, count: S)) },
                    state: Array(UnsafeBufferPointer(start: top + b * H, count: H)), context: context,
                    topTokens: Array(ranked.prefix(topCount)), topProbabilities: ranked.prefix(topCount).map { row[$0] })
                records.append(record)
            }
            candidates.sort { $0.logProbability > $1.logProbability || ($0.logProbability == $1.logProbability && ($0.parent, $0.token) < ($1.parent, $1.token)) }

            // The best extensions, in order, until `width` unfinished ones are kept; those that end
            // on the way are finished without taking a place.
            var kept: [Hypothesis] = [], open: [Hypothesis] = [], openStates: [RecurrentState] = [], dropped: [Hypothesis] = []
            for candidate in candidates {
                var record = records[candidate.parent]
                record.chosenToken = candidate.token
                let parent = live[candidate.parent]
                let extended = Hypothesis(
                    tokens: parent.tokens + [candidate.token], logProbability: candidate.logProbability,
                    finished: candidate.token == Vocabulary.eosIndex || step == maxLength - 1, steps: parent.steps + [record])
                guard open.count < width else {
                    dropped.append(extended)
                    continue
                }
                kept.append(extended)
                if extended.finished {
                    finished.append(extended)
                } else {
                    open.append(extended)
                    openStates.append(nextStates[candidate.parent])
                }
                recorder?.recordDecoderStep(record, hypothesis: candidate.parent)
            }
            recorder?.recordBeamStep(step: step, kept: kept, dropped: dropped)
            live = open
            states = openStates
            if let best = finished.map(score).max(), live.allSatisfy({ bestReachable($0) <= best }) { break }
        }
        let pool = finished.isEmpty ? live : finished
        let best = pool.enumerated().max { score($0.element) < score($1.element) || (score($0.element) == score($1.element) && $0.offset > $1.offset) }!.element
        return Decoding(
            tokens: best.tokens.filter { $0 != Vocabulary.eosIndex }, logProbability: best.logProbability,
            steps: best.steps, encoderHistory: history)
    }
}

extension Seq2SeqModel {
    /// The indices of the `count` largest probabilities, largest first (ties: lower index first).
    static func mostLikely(_ probabilities: [Float], count: Int) -> [Int] {
        var best: [Int] = []
        best.reserveCapacity(count + 1)
        for index in probabilities.indices {
            let value = probabilities[index]
            guard best.count < count || value > probabilities[best[best.count - 1]] else { continue }
            var position = best.count
            while position > 0 && probabilities[best[position - 1]] < value { position -= 1 }
            best.insert(index, at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}

extension RecurrentState {
    /// The states of several batches of one sequence each, as one batch.
    static func stacking(_ states: [RecurrentState]) -> RecurrentState {
        let layers = states[0].hidden.count, width = states[0].hidden[0].count
        func stack(_ pick: (RecurrentState) -> Tensor) -> Tensor {
            let result = Tensor(shape: [states.count, width])
            for (b, state) in states.enumerated() { (result.pointer + b * width).update(from: pick(state).pointer, count: width) }
            return result
        }
        return RecurrentState(
            hidden: (0..<layers).map { layer in stack { $0.hidden[layer] } },
            cell: states[0].cell == nil ? nil : (0..<layers).map { layer in stack { $0.cell![layer] } })
    }

    /// One state per batch row.
    func split() -> [RecurrentState] {
        let rows = hidden[0].rows, width = hidden[0].columns
        func row(_ tensor: Tensor, _ b: Int) -> Tensor {
            let result = Tensor(shape: [1, width])
            result.pointer.update(from: tensor.pointer + b * width, count: width)
            return result
        }
        return (0..<rows).map { b in
            RecurrentState(hidden: hidden.map { row($0, b) }, cell: cell.map { $0.map { row($0, b) } })
        }
    }
}
