import RNNCore
import RNNTrace

/// A seq2seq model answering one question, step by step: the encoder's steps over the question
/// (with ‖∂L/∂h_t‖), then the decoder's steps with their attention rows and likeliest words.
/// Shared by the runner (the shown question), `step`, `inspect` and `chat`.
struct Seq2SeqSteps {
    /// The encoder's steps.
    let steps: [StepTrace]
    /// The decoder's steps.
    let decoder: [DecoderStepTrace]
    /// The answer found.
    let decoding: Decoding

    /// Answers `question` (words; unknown ones become `<unk>`) with beam search of `beam`
    /// hypotheses (1 is greedy). The gradient norms are taken against `expected`, or against the
    /// answer found when there is none.
    ///
    /// - Precondition: `question` is not empty.
    init(
        model: Seq2SeqModel, vocabulary: Vocabulary, question: [String], expected: [String]?, maxLength: Int, beam: Int = 1,
        forcing: [Int: Int] = [:]
    ) {
        let source = vocabulary.encode(question).indices
        let decoding = model.beamSearch(source, width: beam, maxLength: maxLength, recordEncoder: true, forcing: forcing)
        let target = vocabulary.encode(expected ?? vocabulary.decode(decoding.tokens)).indices
        let norms = Self.encoderGradientNorms(model, source: source, target: target)
        steps = Self.encoderSteps(model, question: question, source: source, history: decoding.encoderHistory!, norms: norms)
        decoder = Self.decoderSteps(decoding, vocabulary: vocabulary)
        self.decoding = decoding
    }

    /// ‖∂L/∂h_t‖ of every encoder layer and step, from a teacher-forced pass on the shown pair.
    private static func encoderGradientNorms(_ model: Seq2SeqModel, source: [Int], target: [Int]) -> [[Float]] {
        let batch = Seq2SeqBatch(sources: [source], targets: [target])
        let scores = model.forward(batch)
        let gradient = Tensor(shape: [batch.targetSteps, model.shape.vocabularySize])
        CrossEntropy.loss(logits: scores, targets: batch.decoderTargets, classes: model.shape.vocabularySize, gradient: gradient.pointer)
        model.backward(gradient.pointer)
        for parameter in model.parameters { parameter.zeroGradient() }
        return model.encoderLayers.map(\.gradientNorms)
    }

    /// The encoder's steps over the question.
    private static func encoderSteps(
        _ model: Seq2SeqModel, question: [String], source: [Int], history: StepHistory, norms: [[Float]]
    ) -> [StepTrace] {
        let width = model.shape.embeddingSize
        return question.indices.map { t in
            let embedding = model.encoderEmbedding.weight.value.pointer + source[t] * width
            return StepTrace(
                t: t, inputToken: question[t], x: Array(UnsafeBufferPointer(start: embedding, count: width)),
                layers: history.layerTraces(at: t, gradientNorms: norms))
        }
    }

    /// The decoder's steps answering, with attention rows and the likeliest next words.
    private static func decoderSteps(_ decoding: Decoding, vocabulary: Vocabulary) -> [DecoderStepTrace] {
        decoding.steps.map { step in
            DecoderStepTrace(
                t: step.step, inputToken: vocabulary.token(at: step.inputToken) ?? Vocabulary.unk,
                outputToken: vocabulary.token(at: step.chosenToken) ?? Vocabulary.unk, attention: step.attention,
                state: step.state, context: step.context,
                topTokens: step.topTokens.map { vocabulary.token(at: $0) ?? Vocabulary.unk },
                topProbabilities: step.topProbabilities)
        }
    }
}
