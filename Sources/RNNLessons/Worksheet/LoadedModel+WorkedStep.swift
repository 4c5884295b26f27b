import Foundation
import RNNCore
import RNNTrace

extension LoadedModel {
    /// The step a worksheet works when none is asked for: step 1 (so that h_{t−1} is not all
    /// zeros) of a model that answers at every step, the last step of one that answers at the end.
    func defaultWorkedStep(_ trace: LessonTrace, readout: SequenceModelShape.Readout) -> Int {
        readout == .everyStep ? min(1, trace.steps.count - 1) : trace.steps.count - 1
    }

    /// Step `at` (or the default step) of the lesson's shown input worked by hand: the forward
    /// pass of the top layer with the weights' products, the output and the loss of that step,
    /// one step of backpropagation through time (∂L_t/∂h_t back to h_{t−1}) beside the engine's
    /// norms, and a finite-difference check of ∂L_t/∂W_hh[0][1] against backpropagation.
    ///
    /// - Throws: `LessonError` for a seq2seq model, a mean readout, a step outside the input, or
    ///   a step without an output.
    public func workedStep(at step: Int?) throws -> WorkedStep {
        guard case .sequence(let model) = network else {
            throw LessonError("\(lesson.name) is an encoder–decoder; a worksheet works one step of a recurrent layer with an output (try hello-rnn or hello)")
        }
        let readout = model.shape.readout
        guard readout != .mean else {
            throw LessonError("\(lesson.name) reads the mean of every step's state; a worksheet works a model that reads one step's state")
        }
        let trace = try self.trace(.lessonDefault).trace
        let t = step ?? defaultWorkedStep(trace, readout: readout)
        guard trace.steps.indices.contains(t) else {
            throw LessonError("--at \(t) is outside the input's steps 0…\(trace.steps.count - 1)")
        }
        guard trace.steps[t].logits != nil else {
            throw LessonError("step \(t) has no output: \(lesson.name) answers at step \(trace.steps.count - 1) only (--at \(trace.steps.count - 1))")
        }
        let builder = WorkedStepBuilder(model: model, trace: trace, t: t)
        let target = try workedTarget(trace, t: t)
        var blocks = builder.forwardBlocks(inputNames: inputNames(trace, model: model))
        blocks += outputBlocks(builder, trace: trace, target: target)
        let (backward, previous, deltas) = builder.backwardRows(builder.hiddenGradient(builder.outputGradient(target)))
        blocks += backwardBlocks(builder, trace: trace, target: target, rows: backward, previous: previous)
        blocks.append(WeightCheck(model: model, trace: trace, t: t, target: target, vocabulary: vocabulary)
            .block(thisStep: { builder.thisStepsPart(deltas, row: $0, column: $1) }))
        if model.shape.hiddenSize <= 4 && builder.input.count <= 6 {
            let layer = model.recurrent.layers[builder.layer]
            let names = model.shape.cell == .rnn ? ("W_xh", "W_hh") : ("W_ih", "W_hh")
            blocks.append(WorkedBlock(part: .weights, title: "the weights", columns: (0..<min(6, max(builder.input.count, model.shape.hiddenSize))).map { "[\($0)]" },
                                      rows: builder.weightRows(layer.weightIH, name: names.0) + builder.weightRows(layer.weightHH, name: names.1)
                                        + builder.weightRows(model.head.weight, name: "W_hy")))
        }
        return WorkedStep(lesson: trace.lesson, model: trace.model, t: t, steps: trace.steps.count, layer: builder.layer,
                          inputToken: trace.steps[t].inputToken, input: trace.steps.map(\.inputToken), blocks: blocks)
    }

    /// The class step t's output is compared with: its target token, else the prediction.
    private func workedTarget(_ trace: LessonTrace, t: Int) throws -> Int {
        let step = trace.steps[t]
        guard !trace.isRegression else {
            throw LessonError("\(lesson.name) is a regression on scaled values; a worksheet works a softmax output (try hello-rnn, hello or sentiment)")
        }
        let names = trace.outputTokens
        guard let token = step.target ?? step.prediction, let index = names.firstIndex(of: token) else {
            throw LessonError("step \(t) has no target to compare with")
        }
        return index
    }

    /// The names of the input's entries: the vocabulary of a one-hot input, the features, or units.
    private func inputNames(_ trace: LessonTrace, model: SequenceModel) -> [String] {
        if model.shape.layers > 1 || model.embedding != nil { return (0..<(trace.steps.first?.x.count ?? 0)).map { "[\($0)]" } }
        if !trace.model.featureNames.isEmpty { return trace.model.featureNames }
        return trace.vocabulary.count == model.shape.inputSize ? trace.vocabulary : (0..<model.shape.inputSize).map { "[\($0)]" }
    }

    /// y_t = W_hy h_t + b_y, softmax and ∂L_t/∂y_t, a line per token; then the loss of step t.
    private func outputBlocks(_ builder: WorkedStepBuilder, trace: LessonTrace, target: Int) -> [WorkedBlock] {
        let step = trace.steps[builder.t]
        let logits = step.logits ?? [], p = step.probabilities ?? []
        let columns = builder.outputColumns(probabilities: p, target: target)
        let names = trace.outputTokens
        let dy = builder.outputGradient(target)
        let output = WorkedBlock(
            part: .forward, title: "the output of step \(builder.t)", columns: columns.map { names[$0] },
            rows: [
                WorkedRow(key: "logits", label: "y_t = W_hy h_t + b_y", shortLabel: "y_t", values: columns.map { Double(logits[$0]) },
                          traced: true),
                WorkedRow(key: "p", label: "p = softmax(y_t)", shortLabel: "p", values: columns.map { Double(p[$0]) }, traced: true),
                WorkedRow(key: "dy", label: "∂L_t/∂y_t = p − one-hot(target)", shortLabel: "∂L_t/∂y_t", values: columns.map { dy[$0] },
                          style: .significant(4)),
            ],
            note: (columns.count < names.count ? "\(columns.count) of \(names.count) tokens; " : "")
                + "y_t = W_hy h_t + b_y, p = softmax(y_t), ∂L_t/∂y_t = p − one-hot", turned: true)
        let loss = WorkedBlock(part: .forward, title: "the loss of step \(builder.t), target “\(names[target])”", columns: [""], rows: [
            WorkedRow(key: "loss", label: "L_t = −log p[“\(names[target])”]", values: [-log(Double(p[target]))]),
        ])
        return [output, loss]
    }

    /// ∂L_t/∂h_t and the cell's backward step, and the engine's norms beside.
    private func backwardBlocks(_ builder: WorkedStepBuilder, trace: LessonTrace, target: Int, rows: [WorkedRow],
                                previous: [Double]) -> [WorkedBlock] {
        let dh = builder.hiddenGradient(builder.outputGradient(target))
        let units = (0..<min(builder.units, builder.hiddenSize)).map { "[\($0)]" }
        var blocks = [WorkedBlock(
            part: .backward, title: "back through the cell: the loss of step \(builder.t) alone", columns: units,
            rows: [WorkedRow(key: "dh", label: "∂L/∂h_t = W_hyᵀ ∂L_t/∂y_t", values: Array(dh.prefix(builder.units)), style: .significant(4))]
                + rows,
            columnsAreUnits: true)]
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        var norms = [WorkedRow(key: "norm.dh", label: "‖∂L/∂h_t‖ by hand", values: [norm(dh)], style: .significant(4)),
                     WorkedRow(key: "norm.dh_prev", label: "‖∂L/∂h_{t-1}‖ by hand", values: [norm(previous)], style: .significant(4))]
        if let engine = engineNorms(builder, trace: trace, target: target) {
            norms += [WorkedRow(key: "engine.dh", label: "‖∂L/∂h_t‖ by the engine", values: [engine.now], style: .significant(4)),
                      WorkedRow(key: "engine.dh_prev", label: "‖∂L/∂h_{t-1}‖ by the engine", values: [engine.previous],
                                style: .significant(4))]
        }
        blocks.append(WorkedBlock(part: .backward, title: "the sizes of the gradients", columns: [""], rows: norms))
        return blocks
    }

    /// ‖∂L_t/∂h_t‖ and ‖∂L_t/∂h_{t−1}‖ of the worked layer by the engine's backpropagation
    /// (`SequenceModel.gradientFlow`), or `nil` at step 0.
    private func engineNorms(_ builder: WorkedStepBuilder, trace: LessonTrace, target: Int) -> (now: Double, previous: Double)? {
        guard builder.t > 0, case .sequence(let model) = network else { return nil }
        let input = WeightCheck.input(trace, model: model, vocabulary: vocabulary)
        let norms = model.gradientFlow(input.tensor.pointer, steps: trace.steps.count, outputStep: builder.t, target: .classIndex(target),
                                       hotIndices: input.hotIndices)
        let layer = norms[builder.layer]
        return (Double(layer[builder.t]), Double(layer[builder.t - 1]))
    }
}
