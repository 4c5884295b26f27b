import RNNCore
import RNNTrace

/// A classifier's pass over one text, step by step — what the runner traces for the shown
/// sentence and what `step`, `inspect` and `classify` trace for any sentence: every step's
/// token, x and layer values; the label probabilities had the text ended after each token (the
/// evidence); the answer at the last step.
struct ClassifierSteps {
    /// Every step; the logits, probabilities, prediction (and target, when known) at the last.
    let steps: [StepTrace]
    /// The labels, evidence and unknown tokens for the trace.
    let classification: ClassificationTrace
    /// The label probabilities after the whole text.
    let probabilities: [Float]
    /// The likeliest label's index.
    let predicted: Int

    /// Runs `model` on `tokens` of `data`; `target` is the text's label when it is known.
    init(model: SequenceModel, data: TextClassificationDataset, tokens: [String], target: Int?) {
        let (indices, unknown) = data.encode(tokens)
        let labels = data.labels
        let evidence = indices.indices.map { t in Self.probabilities(model, data, Array(indices[...t])) }
        let probabilities = evidence[evidence.count - 1]
        let predicted = probabilities.indexOfLargest
        // A model with an embedding reads the token indices alone.
        let input = model.embedding == nil ? OneHot.tensor(indices, classes: model.shape.inputSize) : Tensor(shape: [1])
        let pass = ShownPass(
            model: model, input: input, steps: indices.count, hotIndices: indices, targets: .classes([target ?? predicted]))
        let last = indices.count - 1
        steps = indices.indices.map { t in
            let atEnd = t == last
            return StepTrace(
                t: t, inputToken: tokens[t], x: pass.inputs[t], layers: pass.layers[t], logits: atEnd ? pass.outputs : nil,
                probabilities: atEnd ? probabilities : nil, prediction: atEnd ? labels[predicted] : nil,
                target: atEnd ? target.map { labels[$0] } : nil)
        }
        classification = ClassificationTrace(
            labels: labels, readout: model.shape.readout.rawValue, evidence: evidence, unknownTokens: unknown)
        self.probabilities = probabilities
        self.predicted = predicted
    }

    /// The label probabilities of `model` on one sequence of token indices.
    static func probabilities(_ model: SequenceModel, _ data: TextClassificationDataset, _ indices: [Int]) -> [Float] {
        let batch = TokenBatch(
            sequences: [indices], labels: [0], padIndex: TextClassificationDataset.padIndex,
            oneHotWidth: model.embedding == nil ? model.shape.inputSize : nil)
        return CrossEntropy.softmax(Array(UnsafeBufferPointer(start: batch.forward(model), count: model.shape.outputSize)))
    }
}
