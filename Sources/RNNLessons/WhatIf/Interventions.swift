import Foundation
import RNNCore
import RNNTrace

/// What `--clamp`, `--zero`, `--attention` and `--force` ask of a trained network, read and
/// checked against it:
///
/// - `--clamp GATE=VALUE[@UNITS][:LAYER]`: `f=0` (forget everything), `i=0@3,5`, `o=1:1`; LSTM
///   gates `i f g o`, GRU `r z n`; σ gates take 0…1, `g` and `n` take −1…1;
/// - `--zero h@UNITS[:LAYER]` or `c@UNITS[:LAYER]`: silence units;
/// - `--attention uniform | diagonal | one-hot:J | FILE.json` (`[step][source position]`);
/// - `--force STEP=WORD`: the decoder writes WORD at that step.
///
/// Without `:LAYER`, a clamp or silencing applies to every layer (of the encoder and the
/// decoder, for a seq2seq model).
public struct Interventions: Sendable, Equatable {
    /// The change of each layer, by layer index.
    public var layers: [Int: LayerIntervention] = [:]
    /// The attention weights given instead of computed.
    public var attention: AttentionOverride?
    /// Tokens the decoder must write, `[step: token index]`.
    public var forcing: [Int: Int] = [:]
    /// The interventions as written ("f=0, h@3 silenced").
    public var description: String = ""

    /// No intervention.
    public init() {}

    /// Whether nothing is changed.
    public var isEmpty: Bool { layers.values.allSatisfy(\.isEmpty) && attention == nil && forcing.isEmpty }

    /// Reads the options for `model`.
    ///
    /// - Throws: `LessonError` with one line for a gate the cell does not have, units or a layer
    ///   out of range, a value outside the gate's range, attention on a model without it, a
    ///   forced word outside the vocabulary, or text that cannot be read.
    public init(clamps: [String], zeros: [String], attention: String?, forces: [String], for model: LoadedModel) throws {
        let shape = Self.shape(of: model)
        var parts: [String] = []
        for text in clamps {
            let (body, layers) = try Self.splitLayer(text, option: "--clamp", layerCount: shape.layers)
            let (assignment, units) = try Self.splitUnits(body, option: "--clamp", text: text, hiddenSize: shape.hidden)
            let pieces = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            let expected = "expected GATE=VALUE[@UNITS][:LAYER], e.g. f=0 or i=0@3,5:0"
            guard pieces.count == 2 else { throw LessonError("--clamp \(text): \(expected)") }
            let gates = shape.cell.gateNames
            guard let gate = gates.firstIndex(of: pieces[0]) else {
                let have = gates.isEmpty ? "a plain RNN has no gates" : "\(shape.cell == .lstm ? "an" : "a") \(shape.cell.rawValue.uppercased()) has gates \(listing(gates))"
                throw LessonError("--clamp \(text): \(have); expected \(gates.isEmpty ? "--zero h@UNITS instead" : "one of them")")
            }
            let range: ClosedRange<Float> = CellKind.isTanhGate(pieces[0]) ? -1...1 : 0...1
            guard let value = Float(pieces[1]), value.isFinite, range.contains(value) else {
                throw LessonError(
                    "--clamp \(text): \(pieces[1]) is not a value of \(pieces[0]); expected \(Int(range.lowerBound)) to \(Int(range.upperBound))")
            }
            for layer in layers { self.layers.change(layer) { $0.clamps.append(.init(gate: gate, value: value, units: units)) } }
            parts.append(text)
        }
        for text in zeros {
            let (body, layers) = try Self.splitLayer(text, option: "--zero", layerCount: shape.layers)
            let (state, units) = try Self.splitUnits(body, option: "--zero", text: text, hiddenSize: shape.hidden)
            guard let units, state == "h" || state == "c" else {
                throw LessonError("--zero \(text): expected h@UNITS or c@UNITS[:LAYER], e.g. h@3 or c@2,7:1")
            }
            guard state == "h" || shape.cell.hasCellState else {
                throw LessonError("--zero \(text): only an LSTM has a cell state c; expected h@UNITS")
            }
            for layer in layers {
                self.layers.change(layer) { change in
                    if state == "h" { change.silencedHidden += units } else { change.silencedCell += units }
                }
            }
            parts.append("\(text) silenced")
        }
        if let attention {
            guard shape.attends else {
                throw LessonError("--attention \(attention): \(model.lesson.name) has no attention; expected a seq2seq model with attention")
            }
            self.attention = try Self.override(attention)
            parts.append("attention \(attention)")
        }
        for text in forces {
            let pieces = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard case .seq2seq = model.network else {
                throw LessonError("--force \(text): only a seq2seq decoder writes words; \(model.lesson.name) is not one")
            }
            guard pieces.count == 2, let step = Int(pieces[0]), step >= 0 else {
                throw LessonError("--force \(text): expected STEP=WORD, e.g. 3=memory (steps from 0)")
            }
            guard let token = model.vocabulary.index(of: pieces[1]) else {
                throw LessonError("--force \(text): \"\(pieces[1])\" is not a word \(model.lesson.name) knows")
            }
            forcing[step] = token
            parts.append("\"\(pieces[1])\" at step \(step)")
        }
        description = parts.joined(separator: ", ")
    }

    /// The shape interventions are checked against.
    private static func shape(of model: LoadedModel) -> (cell: CellKind, layers: Int, hidden: Int, attends: Bool) {
        switch model.network {
        case .sequence(let network): (network.shape.cell, network.shape.layers, network.shape.hiddenSize, false)
        case .seq2seq(let network, _): (network.shape.cell, network.shape.layers, network.shape.hiddenSize, network.shape.attention)
        }
    }

    /// `body` and the layers of `text` (`…:LAYER`, or every layer).
    private static func splitLayer(_ text: String, option: String, layerCount: Int) throws -> (String, [Int]) {
        guard let colon = text.lastIndex(of: ":"), !text[text.index(after: colon)...].contains("@") else {
            return (text, Array(0..<layerCount))
        }
        let number = text[text.index(after: colon)...]
        guard let layer = Int(number), (0..<layerCount).contains(layer) else {
            throw LessonError("\(option) \(text): layer \(number) does not exist; expected 0 to \(layerCount - 1)")
        }
        return (String(text[..<colon]), [layer])
    }

    /// `body` and its units (`…@3,5`, or nil for every unit).
    private static func splitUnits(_ body: String, option: String, text: String, hiddenSize: Int) throws -> (String, [Int]?) {
        guard let at = body.firstIndex(of: "@") else { return (body, nil) }
        let list = body[body.index(after: at)...].split(separator: ",", omittingEmptySubsequences: false)
        let units = list.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !list.isEmpty, units.count == list.count, units.allSatisfy({ (0..<hiddenSize).contains($0) }) else {
            throw LessonError(
                "\(option) \(text): \(body[body.index(after: at)...]) are not units of a layer of \(hiddenSize); expected numbers 0 to \(hiddenSize - 1), separated by commas")
        }
        return (String(body[..<at]), units)
    }

    /// The attention override `text` names.
    private static func override(_ text: String) throws -> AttentionOverride {
        switch text {
        case "uniform": return .uniform
        case "diagonal": return .diagonal
        default:
            if text.hasPrefix("one-hot:") {
                guard let j = Int(text.dropFirst("one-hot:".count)), j >= 0 else {
                    throw LessonError("--attention \(text): expected one-hot:J with J a source position from 0")
                }
                return .oneHot(j)
            }
            guard text.hasSuffix(".json") else {
                throw LessonError("--attention \(text): expected uniform, diagonal, one-hot:J or a FILE.json of [step][source position]")
            }
            let rows = try JSONInput.decode([[Float]].self, from: URL(fileURLWithPath: text), expected: "[step][source position] weights")
            for (step, row) in rows.enumerated() where row.isEmpty || !row.allSatisfy({ $0.isFinite && $0 >= 0 }) || row.reduce(0, +) <= 0 {
                throw LessonError("\(text): step \(step): expected weights of 0 or more, not all 0, one per source position")
            }
            guard !rows.isEmpty else { throw LessonError("\(text): expected at least one step of weights, [[…], …]") }
            return .rows(rows)
        }
    }
}

extension Dictionary where Key == Int, Value == LayerIntervention {
    /// Changes the intervention of `layer` (starting from none).
    fileprivate mutating func change(_ layer: Int, _ body: (inout LayerIntervention) -> Void) {
        var intervention = self[layer] ?? LayerIntervention()
        body(&intervention)
        self[layer] = intervention
    }
}
