import RNNCore
import RNNTrace

extension TextActivations {
    /// The most characters read: a page shows a few lines of a few units.
    static let longestText = 400
    /// The units kept.
    static let unitCount = 8

    /// `model` (a character model) reading the characters `indices` (vocabulary indices, at most
    /// `longestText` of them) from the zero state: the `unitCount` units of any layer whose h
    /// varies most over them.
    static func reading(_ indices: [Int], model: SequenceModel, vocabulary: Vocabulary) -> TextActivations {
        let indices = Array(indices.prefix(longestText))
        let tokens = vocabulary.decode(indices)
        let input = OneHot.tensor(indices, classes: vocabulary.count)
        // The pass backpropagates too (its gradient norms are not used here): against the next characters.
        let pass = ShownPass(model: model, input: input, steps: tokens.count, targets: .classes(Array(indices.dropFirst()) + [indices[indices.count - 1]]))
        var units: [UnitActivation] = []
        for layer in 0..<model.shape.layers {
            for unit in 0..<model.shape.hiddenSize {
                let values = pass.layers.map { $0[layer].h[unit] }
                let mean = values.reduce(0.0) { $0 + Double($1) } / Double(max(values.count, 1))
                let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(max(values.count, 1))
                units.append(UnitActivation(layer: layer, unit: unit, variance: variance, values: values))
            }
        }
        let chosen = units.sorted { $0.variance != $1.variance ? $0.variance > $1.variance : ($0.layer, $0.unit) < ($1.layer, $1.unit) }
        return TextActivations(tokens: tokens, units: Array(chosen.prefix(unitCount)))
    }
}
