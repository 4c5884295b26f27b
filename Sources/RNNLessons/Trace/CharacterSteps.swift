import RNNCore
import RNNTrace

/// A character model's pass over one input, step by step: what the runner traces for the shown
/// input and what `step` and `inspect` trace for any input.
struct CharacterSteps {
    /// Every step: input token, x, each layer's values, logits, probabilities, prediction, target.
    let steps: [StepTrace]
    /// The most likely token at each step.
    let prediction: TokenPrediction

    /// Runs `model` (every-step readout) on `input` (`[steps][1][features]`, one-hot or
    /// features), labelled `labels`. ‖∂L/∂h_t‖ is taken against `targets`, or against the
    /// model's own prediction when there are none.
    init(model: SequenceModel, vocabulary: Vocabulary, labels: [String], input: Tensor, targets: [String]?) {
        let count = labels.count
        let classes = model.shape.outputSize
        let prediction = TokenPrediction(model: model, input: input, steps: count)
        let lossTargets = targets.map { vocabulary.encode($0).indices } ?? prediction.indices
        let pass = ShownPass(model: model, input: input, steps: count, targets: .classes(lossTargets))
        steps = (0..<count).map { t in
            StepTrace(
                t: t, inputToken: labels[t], x: pass.inputs[t], layers: pass.layers[t],
                logits: Array(pass.outputs[t * classes..<(t + 1) * classes]), probabilities: prediction.distributions[t],
                prediction: vocabulary.token(at: prediction.indices[t]), target: targets?[t])
        }
        self.prediction = prediction
    }
}
