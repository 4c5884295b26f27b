import Foundation
import RNNCore
import RNNTrace

/// Works one step of a lesson's network by hand, from its trace and its weights.
///
/// The layer worked is the top one (the output reads it); its input is x_t for one layer and
/// the layer below's h_t otherwise. Numbers the trace holds (x_t, h_{t−1}, every pre-activation
/// and gate, c_t, h_t, the logits and probabilities) are written as they are; the products with
/// the weights, the loss and the backward step are computed from them in double precision. Wide
/// layers show their first `units` units (the sums run over all of them).
struct WorkedStepBuilder {
    let model: SequenceModel
    let trace: LessonTrace
    let t: Int
    /// The most units (and output tokens) a row shows.
    var units = 6

    var layer: Int { model.shape.layers - 1 }
    var hiddenSize: Int { model.shape.hiddenSize }
    var cell: CellKind { model.shape.cell }
    var weights: RecurrentLayer { model.recurrent.layers[layer] }
    private var shownUnits: Range<Int> { 0..<min(units, hiddenSize) }

    /// The layer's input at step t: x_t, or the layer below's h_t.
    var input: [Float] { layer == 0 ? trace.steps[t].x : trace.steps[t].layers[layer - 1].h }
    var hPrevious: [Float] { t > 0 ? trace.steps[t - 1].layers[layer].h : [Float](repeating: 0, count: hiddenSize) }
    var cPrevious: [Float] { t > 0 ? trace.steps[t - 1].layers[layer].c ?? [] : [Float](repeating: 0, count: hiddenSize) }
    var state: LayerStepTrace { trace.steps[t].layers[layer] }

    // MARK: weights

    func gateRows(_ gate: Int) -> Range<Int> { gate * hiddenSize..<(gate + 1) * hiddenSize }
    private func shown(_ values: [Double]) -> [Double] { Array(values[shownUnits]) }
    private func shown(_ values: [Float]) -> [Double] { shownUnits.map { Double(values[$0]) } }

    // MARK: forward

    /// The blocks of the forward pass: the input, each gate's sum, the new state, then the output.
    func forwardBlocks(inputNames: [String]) -> [WorkedBlock] {
        var blocks: [WorkedBlock] = []
        let x = input
        let inputShown = Array(x.indices.prefix(max(units, 8)))
        blocks.append(WorkedBlock(
            part: .forward, title: layer == 0 ? "the input at step \(t): “\(trace.steps[t].inputToken)”" : "the input: layer \(layer - 1)'s h_t",
            columns: inputShown.map { inputNames.indices.contains($0) ? inputNames[$0] : "x[\($0)]" },
            rows: [WorkedRow(key: "x", label: "x_t", values: inputShown.map { Double(x[$0]) }, traced: true)],
            note: inputShown.count < x.count ? "\(inputShown.count) of \(x.count) entries" : nil, turned: true))
        let unitNames = shownUnits.map { "[\($0)]" }
        let unitNote = shownUnits.count < hiddenSize ? "units 0…\(shownUnits.count - 1) of \(hiddenSize); the sums run over all" : nil
        var previous = [WorkedRow(key: "h_prev", label: "h_{t-1}", values: shown(hPrevious), traced: true)]
        if cell == .lstm { previous.append(WorkedRow(key: "c_prev", label: "c_{t-1}", values: shown(cPrevious), traced: true)) }
        blocks.append(WorkedBlock(part: .forward, title: t == 0 ? "the state before step 0 (zeros)" : "the state after step \(t - 1)",
                                  columns: unitNames, rows: previous, note: unitNote, columnsAreUnits: true))
        if cell == .rnn {
            blocks.append(WorkedBlock(part: .forward, title: "the weighted sum and tanh", columns: unitNames, rows: weightedSumRows(x),
                                      note: unitNote, columnsAreUnits: true))
        } else {
            // A gated cell: a table per unit, a column per gate, so that every gate is worked.
            for unit in 0..<min(gateUnits, hiddenSize) { blocks.append(gateBlock(unit: unit, x)) }
        }
        let combined = stateRows()
        if !combined.isEmpty {
            blocks.append(WorkedBlock(part: .forward, title: "the new state", columns: unitNames, rows: combined, note: unitNote,
                                      columnsAreUnits: true))
        }
        return blocks
    }

    /// The units of a gated cell whose gates are worked, each in a table of its own.
    var gateUnits: Int { 1 }

    /// Unit `unit`'s gates: for each, W·x_t, W·h_{t−1}, the biases, the sum (the traced
    /// pre-activation) and the squashed gate; a GRU's candidate n reads h_{t−1} through r.
    private func gateBlock(unit: Int, _ x: [Float]) -> WorkedBlock {
        let names = cell.gateNames
        let r = state.gates["r"] ?? []
        var fromInput: [Double] = [], fromState: [Double] = [], inputBias: [Double] = [], stateBias: [Double] = []
        for gate in names.indices {
            let row = gate * hiddenSize + unit
            fromInput += product(weights.weightIH, rows: row..<row + 1, x)
            fromState += product(weights.weightHH, rows: row..<row + 1, hPrevious)
            inputBias.append(Double(weights.biasIH.value[row]))
            stateBias.append(Double(weights.biasHH.value[row]))
        }
        var rows = [WorkedRow(key: "u\(unit).input", label: "W_i· x_t", values: fromInput)]
        if cell == .gru {
            // r_t and z_t add W_h· h_{t−1} + b_h·; n adds it times r.
            let recurrent = zip(fromState, stateBias).map(+)
            rows += [
                WorkedRow(key: "u\(unit).bias", label: "b_i·", values: inputBias),
                WorkedRow(key: "u\(unit).state", label: "W_h· h_{t-1} + b_h·", values: recurrent),
                WorkedRow(key: "u\(unit).reset", label: "…times r for n", values: recurrent.enumerated().map {
                    $0.offset == 2 ? $0.element * Double(r[unit]) : $0.element
                }),
            ]
        } else {
            rows += [
                WorkedRow(key: "u\(unit).state", label: "W_h· h_{t-1}", values: fromState),
                WorkedRow(key: "u\(unit).bias", label: "b_i· + b_h·", values: zip(inputBias, stateBias).map(+)),
            ]
        }
        rows.append(WorkedRow(key: "u\(unit).sum", label: "a = sum", values: names.map { Double(state.preActivations[$0]?[unit] ?? 0) },
                              traced: true))
        rows.append(WorkedRow(key: "u\(unit).gate", label: "σ(a), " + (cell == .lstm ? "tanh(a) for g" : "tanh(a) for n"),
                              values: names.map { Double(state.gates[$0]?[unit] ?? 0) }, traced: true))
        return WorkedBlock(part: .forward, title: "unit \(unit): each gate (W_i·, W_h· are a gate's rows)", columns: names, rows: rows)
    }

    /// A plain RNN's step: W_xh x_t, W_hh h_{t−1}, the biases, their sum a_t (the traced
    /// pre-activation) and h_t = tanh(a_t), by the lecture's names (PyTorch's W_ih is W_xh).
    private func weightedSumRows(_ x: [Float]) -> [WorkedRow] {
        let rows = gateRows(0)
        let bias = zip(slice(weights.biasIH, rows), slice(weights.biasHH, rows)).map(+)
        return [
            WorkedRow(key: "a.input", label: "W_xh x_t", values: shown(product(weights.weightIH, rows: rows, x))),
            WorkedRow(key: "a.state", label: "W_hh h_{t-1}", values: shown(product(weights.weightHH, rows: rows, hPrevious))),
            WorkedRow(key: "a.bias", label: "b_ih + b_hh", values: shown(bias)),
            WorkedRow(key: "a.sum", label: "a_t = sum", values: shown(state.preActivations["a"] ?? []), traced: true),
            WorkedRow(key: "h", label: "h_t = tanh(a_t)", values: shown(state.h), traced: true),
        ]
    }

    /// How a gated cell combines its gates into c_t and h_t.
    private func stateRows() -> [WorkedRow] {
        switch cell {
        case .lstm:
            let c = state.c ?? []
            return [
                WorkedRow(key: "c", label: "c_t = f ⊙ c_{t-1} + i ⊙ g", values: shown(c), traced: true),
                WorkedRow(key: "tanh_c", label: "tanh(c_t)", values: shown(c.map { tanh(Double($0)) })),
                WorkedRow(key: "h", label: "h_t = o ⊙ tanh(c_t)", values: shown(state.h), traced: true),
            ]
        case .gru:
            return [WorkedRow(key: "h", label: "h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}", values: shown(state.h), traced: true)]
        case .rnn:
            return []
        }
    }

    // MARK: output and loss

    /// The output's columns: every token of a small vocabulary, else the target, the prediction
    /// and the likeliest, up to `units` of them, in index order.
    func outputColumns(probabilities: [Float], target: Int?) -> [Int] {
        guard probabilities.count > units else { return Array(probabilities.indices) }
        let prediction = probabilities.indices.max { probabilities[$0] < probabilities[$1] }
        let ranked = probabilities.indices.sorted { probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1 }
        var chosen = [target, prediction].compactMap { $0 }
        for index in ranked where chosen.count < units && !chosen.contains(index) { chosen.append(index) }
        return Array(Set(chosen)).sorted()
    }
}
