import RNNCore
import RNNTrace

/// Measures the gradient flow on a lesson's shown input (`SequenceModel.gradientFlow`): once at
/// initialisation, before the first update, and once for the trained network.
struct GradientFlowProbe {
    /// The shown input, `[steps][1][features]`.
    let input: Tensor
    /// Its number of steps.
    let steps: Int
    /// T, the step whose loss is carried back.
    let outputStep: Int
    /// The hot index of each step when the input is one-hot.
    let hotIndices: [Int]?
    /// What step T's output is compared with, for a given state of the model (its own
    /// prediction, when the shown input has no known continuation).
    let target: (SequenceModel) -> SequenceModel.StepTarget
    /// The flow and σ_max(W_hh) at initialisation, once measured.
    private(set) var initial: (norms: [[Float]], singularValues: [Float]?)?

    /// A probe of step `outputStep` (the last when `nil`) of `input`.
    init(
        input: Tensor, steps: Int, outputStep: Int? = nil, hotIndices: [Int]? = nil,
        target: @escaping (SequenceModel) -> SequenceModel.StepTarget
    ) {
        self.input = input
        self.steps = steps
        self.outputStep = outputStep ?? steps - 1
        self.hotIndices = hotIndices
        self.target = target
    }

    /// Measures the untrained `model` (call before the first update).
    mutating func measureInitial(_ model: SequenceModel) {
        initial = (measure(model), model.recurrentSingularValues)
    }

    /// The trace of the trained `model`, with the initial measurement when there is one.
    func trace(_ model: SequenceModel) -> GradientFlowTrace {
        GradientFlowTrace(
            outputStep: outputStep, trained: measure(model), initial: initial?.norms,
            singularValues: model.recurrentSingularValues, initialSingularValues: initial?.singularValues)
    }

    private func measure(_ model: SequenceModel) -> [[Float]] {
        model.gradientFlow(input.pointer, steps: steps, outputStep: outputStep, target: target(model), hotIndices: hotIndices)
    }
}
