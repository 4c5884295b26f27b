import Foundation
import RNNCore

/// Every unit of a character model followed over a text: `h` (and `c` for an LSTM) of each layer
/// at each character, and the loss of each prediction of the next character.
public struct UnitRecording: Sendable {
    /// One unit's series: its layer, its state (`h` or `c`) and its index.
    public struct Unit: Hashable, Sendable, CustomStringConvertible {
        public var layer: Int
        public var state: String
        public var unit: Int

        /// `c[37]`, or `c[37] of layer 1` in a deeper network (see `description(layers:)`).
        public var description: String { "\(state)[\(unit)]" }

        /// The unit named with its layer when there are several.
        public func description(layers: Int) -> String { layers > 1 ? "\(self) of layer \(layer)" : description }
    }

    /// The text's characters.
    public let characters: [String]
    /// The layers' count.
    public let layers: Int
    /// The values of each unit, `[t]`.
    public let values: [Unit: [Float]]
    /// The units in order: layer by layer, `h` then `c`, unit by unit.
    public let units: [Unit]
    /// The cross-entropy (nats) of predicting character `t + 1` at character `t`; one fewer than
    /// the characters.
    public let losses: [Float]

    /// The mean loss of the predictions of the characters where `include` is true (predicting
    /// character `t + 1` counts for character `t + 1`), or nil when there are none.
    public func meanLoss(predicting include: [Bool]) -> (loss: Double, count: Int)? {
        var total = 0.0, count = 0
        for t in losses.indices where include[t + 1] {
            total += Double(losses[t])
            count += 1
        }
        return count == 0 ? nil : (total / Double(count), count)
    }
}

extension LoadedModel {
    /// The steps fed at a time: the state is carried from chunk to chunk, so the result is that
    /// of one pass over the whole text while memory stays that of `chunk` steps.
    static let recordingChunk = 512

    /// Runs the character model over `characters` (each in the vocabulary) from a zero state, with
    /// `interventions` in place, and records its units (when `states` is true) and its losses.
    ///
    /// - Throws: `LessonError` when the model is not a character model reading one-hot characters.
    public func recordUnits(over characters: [String], interventions: Interventions? = nil, states: Bool = true) throws -> UnitRecording {
        let model = try huntedNetwork()
        let indices = vocabulary.encode(characters).indices
        let classes = vocabulary.count, layers = model.recurrent.layers
        var units: [UnitRecording.Unit] = []
        if states {
            for layer in layers {
                for state in layer.cell.hasCellState ? ["h", "c"] : ["h"] {
                    units += (0..<layer.hiddenSize).map { UnitRecording.Unit(layer: layer.index, state: state, unit: $0) }
                }
            }
        }
        var series = [[Float]](repeating: [], count: units.count)
        for k in series.indices { series[k].reserveCapacity(indices.count) }
        var losses: [Float] = []
        losses.reserveCapacity(max(indices.count - 1, 0))
        withInterventions(interventions) {
            var state: RecurrentState?
            var start = 0
            while start < indices.count {
                let chunk = Array(indices[start..<min(start + Self.recordingChunk, indices.count)])
                let input = OneHot.tensor(chunk, classes: classes)
                let logits = withExtendedLifetime((input, state)) {
                    model.forward(input.pointer, steps: chunk.count, batch: 1, initialState: state, hotIndices: chunk)
                }
                for t in chunk.indices {
                    for (k, unit) in units.enumerated() {
                        let layer = layers[unit.layer]
                        series[k].append((unit.state == "h" ? layer.hidden(at: t) : layer.cellState(at: t))[unit.unit])
                    }
                    let next = start + t + 1
                    if next < indices.count {
                        losses.append(Self.crossEntropy(UnsafeBufferPointer(start: logits + t * classes, count: classes), target: indices[next]))
                    }
                }
                state = model.recurrent.finalState()
                start += chunk.count
            }
        }
        return UnitRecording(
            characters: characters, layers: layers.count, values: Dictionary(uniqueKeysWithValues: zip(units, series)), units: units,
            losses: losses)
    }

    /// −log softmax(logits)[target], computed stably.
    static func crossEntropy(_ logits: UnsafeBufferPointer<Float>, target: Int) -> Float {
        let largest = Double(logits.max() ?? 0)
        let sum = logits.reduce(0.0) { $0 + exp(Double($1) - largest) }
        return Float(largest + log(sum) - Double(logits[target]))
    }
}
