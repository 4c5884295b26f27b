import RNNCore
import RNNTrace

/// The final model run once on the shown input (batch 1) with a `StepHistory`, then backward
/// from the loss against its targets for ‖∂L/∂h_t‖ of every layer.
struct ShownPass {
    /// What each layer computed, `[t][layer]`.
    let layers: [[LayerStepTrace]]
    /// The input vectors, `[t]`: the inputs, or for a model with an embedding the looked-up vectors.
    let inputs: [[Float]]
    /// The model's outputs (`[t][outputSize]` every step, or `[outputSize]` last step).
    let outputs: [Float]
    /// The loss on the shown input.
    let loss: Float

    /// Runs `model` on `input` (`[steps][1][features]`; for a model with an embedding, the
    /// tokens `hotIndices`). Parameter gradients are zeroed afterwards.
    init(model: SequenceModel, input: Tensor, steps: Int, hotIndices: [Int]? = nil, targets: SequenceModel.Targets) {
        let history = StepHistory()
        let output = model.forward(input.pointer, steps: steps, batch: 1, hotIndices: hotIndices, recorder: history)
        let count = model.outputRows * model.shape.outputSize
        outputs = Array(UnsafeBufferPointer(start: output, count: count))
        var gradient = [Float](repeating: 0, count: count)
        loss = gradient.withUnsafeMutableBufferPointer { buffer in
            switch targets {
            case .classes(let classes):
                CrossEntropy.loss(logits: output, targets: classes, classes: model.shape.outputSize, gradient: buffer.baseAddress)
            case .values(let values, let reduction):
                SquaredError.loss(predictions: output, targets: values, count: count, reduction: reduction, gradient: buffer.baseAddress)
            }
        }
        gradient.withUnsafeBufferPointer { _ = model.backward($0.baseAddress!) }
        for parameter in model.parameters { parameter.zeroGradient() }

        let norms = model.recurrent.layers.map(\.gradientNorms)
        if let embedding = model.embedding, let hotIndices {
            let width = embedding.dimension
            inputs = hotIndices.map { Array(UnsafeBufferPointer(start: embedding.weight.value.pointer + $0 * width, count: width)) }
        } else {
            let features = model.shape.inputSize
            inputs = (0..<steps).map { t in Array(UnsafeBufferPointer(start: input.pointer + t * features, count: features)) }
        }
        layers = (0..<steps).map { t in history.layerTraces(at: t, gradientNorms: norms) }
    }
}
