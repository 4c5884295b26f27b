import RNNCore
import RNNTrace

/// A generating model's pass from one input, step by step — what the runner traces for the
/// shown input and what `step` and `inspect` trace for any input: the input at step 0 (zeros
/// after it), each layer's values, and at every step the likeliest next character until the end
/// token.
struct GenerationSteps {
    /// Every step written, the end token's included.
    let steps: [StepTrace]
    /// The characters written, without the end token.
    let output: [String]

    /// Runs `model` from `input` of `data`; `expected` is the output to write, when known.
    init(model: SequenceModel, data: GenerationDataset, input: String, vector: [Float], expected: [String]?) {
        let generated = data.generate(model, [vector])[0]
        let count = generated.distributions.count
        let tokens = data.vocabulary.tokens
        let choices = generated.distributions.map(\.indexOfLargest)
        let wanted = expected.map { data.vocabulary.encode($0).indices + [data.endIndex] }
        // ‖∂L/∂h_t‖ against the expected output where there is one, else the model's own.
        let targets = (0..<count).map { t in wanted.map { t < $0.count ? $0[t] : CrossEntropy.ignoredTarget } ?? choices[t] }
        let pass = ShownPass(model: model, input: data.input([vector], steps: count), steps: count, targets: .classes(targets))
        let classes = tokens.count
        steps = (0..<count).map { t in
            StepTrace(
                t: t, inputToken: t == 0 ? input : "", x: pass.inputs[t], layers: pass.layers[t],
                logits: Array(pass.outputs[t * classes..<(t + 1) * classes]), probabilities: generated.distributions[t],
                prediction: tokens[choices[t]],
                target: wanted.flatMap { t < $0.count ? tokens[$0[t]] : nil })
        }
        output = generated.output
    }
}
