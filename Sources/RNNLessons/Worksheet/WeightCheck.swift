import Foundation
import RNNCore
import RNNTrace

/// ∂L_t/∂W_hh[i][j] of the top layer by backpropagation (the engine) against central finite
/// differences of L_t, the cross-entropy of step t against class `target`: a check a student
/// can redo with a calculator. The weight checked is the one L_t depends on most (the largest
/// gradient), so that the check has something to measure.
struct WeightCheck {
    let model: SequenceModel
    let trace: LessonTrace
    let t: Int
    let target: Int
    let vocabulary: Vocabulary
    /// The step of the weight moved: large enough that L_t's change stands clear of float32
    /// rounding, small enough that the difference quotient stays near the slope.
    static let epsilon: Float = 1e-2

    /// The shown input as the model reads it: the traced vectors, or the tokens of a model that embeds them.
    static func input(_ trace: LessonTrace, model: SequenceModel, vocabulary: Vocabulary) -> (tensor: Tensor, hotIndices: [Int]?) {
        let width = model.shape.inputSize
        if model.embedding != nil {
            return (Tensor(shape: [trace.steps.count, 1, max(width, 1)]), vocabulary.encode(trace.steps.map(\.inputToken)).indices)
        }
        return (Tensor(shape: [trace.steps.count, 1, width], values: trace.steps.flatMap { $0.x }), nil)
    }

    /// The top layer's W_hh, whose entry is checked.
    private var parameter: Parameter { model.recurrent.layers[model.shape.layers - 1].weightHH }

    /// L_t of the model as it is.
    private func loss() -> Double {
        let (input, hotIndices) = Self.input(trace, model: model, vocabulary: vocabulary)
        let output = model.forward(input.pointer, steps: trace.steps.count, batch: 1, hotIndices: hotIndices)
        let row = model.shape.readout == .everyStep ? t : 0
        let classes = model.shape.outputSize
        // −log softmax in double precision: log Σ exp(y_k) − y_target.
        let logits = (0..<classes).map { Double(output[row * classes + $0]) }
        let largest = logits.max() ?? 0
        return largest + log(logits.reduce(0) { $0 + exp($1 - largest) }) - logits[target]
    }

    /// ∂L_t/∂W_hh by the engine's backward pass, every entry.
    private func backpropagated() -> [Double] {
        let (input, hotIndices) = Self.input(trace, model: model, vocabulary: vocabulary)
        let output = model.forward(input.pointer, steps: trace.steps.count, batch: 1, hotIndices: hotIndices)
        let classes = model.shape.outputSize
        let row = model.shape.readout == .everyStep ? t : 0
        var gradient = [Float](repeating: 0, count: model.outputRows * classes)
        let p = CrossEntropy.softmax((0..<classes).map { output[row * classes + $0] })
        for k in 0..<classes { gradient[row * classes + k] = p[k] - (k == target ? 1 : 0) }
        for parameter in model.parameters { parameter.zeroGradient() }
        gradient.withUnsafeBufferPointer { _ = model.backward($0.baseAddress!) }
        let values = parameter.gradient.values.map(Double.init)
        for parameter in model.parameters { parameter.zeroGradient() }
        return values
    }

    /// The block: the weight, L_t on either side, the difference quotient, backpropagation's
    /// value, their relative difference, and the part of it this step gives (`thisStep(i, j)`).
    func block(thisStep: (Int, Int) -> Double?) -> WorkedBlock {
        let gradients = backpropagated()
        let index = gradients.indices.max { abs(gradients[$0]) < abs(gradients[$1]) } ?? 0
        let columns = parameter.shape[1]
        let (row, column) = (index / columns, index % columns)
        let original = parameter.value[index]
        parameter.value[index] = original + Self.epsilon
        parameter.markChanged()
        let up = loss()
        parameter.value[index] = original - Self.epsilon
        parameter.markChanged()
        let down = loss()
        parameter.value[index] = original
        parameter.markChanged()
        let numeric = (up - down) / (2 * Double(Self.epsilon))
        let analytic = gradients[index]
        let weight = "W_hh[\(row)][\(column)]"
        var rows = [
            WorkedRow(key: "check.w", label: "w = \(weight), the largest", values: [Double(original)]),
            WorkedRow(key: "check.up", label: "L₊ = L_t(w + ε)", values: [up], style: .decimals(7)),
            WorkedRow(key: "check.down", label: "L₋ = L_t(w − ε)", values: [down], style: .decimals(7)),
            WorkedRow(key: "check.numeric", label: "(L₊ − L₋) / 2ε", values: [numeric], style: .decimals(5)),
            WorkedRow(key: "check.backprop", label: "backpropagation", values: [analytic], style: .decimals(5)),
            WorkedRow(key: "check.difference", label: "relative difference", values: [abs(numeric - analytic) / max(abs(analytic), 1e-12)],
                      style: .scientific),
        ]
        if let part = thisStep(row, column) {
            let unit = row % model.shape.hiddenSize
            rows.append(WorkedRow(key: "check.this_step", label: "step t's part ∂L/∂a[\(unit)]·h_{t-1}[\(column)]", values: [part],
                                  style: .decimals(5)))
        }
        return WorkedBlock(part: .check, title: "∂L_t/∂\(weight) checked, ε = \(Self.epsilon)", columns: [""], rows: rows)
    }
}
