import Foundation
import RNNCore
import RNNTrace

extension WorkedStepBuilder {
    /// ∂L_t/∂y_t of the cross-entropy against class `target`: p − one-hot(target).
    func outputGradient(_ target: Int) -> [Double] {
        (trace.steps[t].probabilities ?? []).enumerated().map { Double($1) - ($0 == target ? 1 : 0) }
    }

    /// ∂L_t/∂h_t = W_hyᵀ ∂L_t/∂y_t.
    func hiddenGradient(_ outputGradient: [Double]) -> [Double] {
        let head = model.head.weight
        return (0..<hiddenSize).map { u in
            outputGradient.indices.reduce(0.0) { $0 + Double(head.value[$1 * hiddenSize + u]) * outputGradient[$1] }
        }
    }

    /// The backward step through the cell: each gate's ∂L_t/∂a, then ∂L_t/∂h_{t−1} (the loss of
    /// step t alone: no gradient comes from later steps).
    func backwardRows(_ dh: [Double]) -> (rows: [WorkedRow], previous: [Double], deltas: [String: [Double]]) {
        let state = trace.steps[t].layers[layer]
        func values(_ v: [Float]?) -> [Double] { (v ?? []).map(Double.init) }
        let h = values(state.h), previous = hPrevious.map(Double.init)
        let weightsHH = model.recurrent.layers[layer].weightHH
        func back(_ gate: Int, _ delta: [Double]) -> [Double] {
            transposedProduct(weightsHH, rows: gate * hiddenSize..<(gate + 1) * hiddenSize, delta)
        }
        func show(_ key: String, _ label: String, _ v: [Double]) -> WorkedRow {
            WorkedRow(key: key, label: label, values: Array(v.prefix(units)), style: .significant(4))
        }
        switch cell {
        case .rnn:
            let da: [Double] = each { u in dh[u] * (1 - h[u] * h[u]) }
            let dPrevious = back(0, da)
            return ([show("da", "∂L/∂a_t = ∂L/∂h_t ⊙ (1 − h_t²)", da), show("dh_prev", "∂L/∂h_{t-1} = W_hhᵀ ∂L/∂a_t", dPrevious)],
                    dPrevious, ["da": da])
        case .lstm:
            let i = values(state.gates["i"]), f = values(state.gates["f"]), g = values(state.gates["g"]), o = values(state.gates["o"])
            let tc = values(state.c).map { tanh($0) }, cPrev = cPrevious.map(Double.init)
            let dc: [Double] = each { u in dh[u] * o[u] * (1 - tc[u] * tc[u]) }
            let dai: [Double] = each { u in dc[u] * g[u] * Self.slope(i[u]) }
            let daf: [Double] = each { u in dc[u] * cPrev[u] * Self.slope(f[u]) }
            let dag: [Double] = each { u in dc[u] * i[u] * (1 - g[u] * g[u]) }
            let dao: [Double] = each { u in dh[u] * tc[u] * Self.slope(o[u]) }
            let backs = [back(0, dai), back(1, daf), back(2, dag), back(3, dao)]
            let dPrevious: [Double] = each { u in backs.reduce(0.0) { $0 + $1[u] } }
            return ([
                show("dc", "∂L/∂c_t = ∂L/∂h_t ⊙ o ⊙ (1 − tanh²c_t)", dc),
                show("da.i", "∂L/∂a_i = ∂L/∂c_t ⊙ g ⊙ i(1 − i)", dai),
                show("da.f", "∂L/∂a_f = ∂L/∂c_t ⊙ c_{t-1} ⊙ f(1 − f)", daf),
                show("da.g", "∂L/∂a_g = ∂L/∂c_t ⊙ i ⊙ (1 − g²)", dag),
                show("da.o", "∂L/∂a_o = ∂L/∂h_t ⊙ tanh(c_t) ⊙ o(1 − o)", dao),
                show("dh_prev", "∂L/∂h_{t-1} = Σ W_h·ᵀ ∂L/∂a_·", dPrevious),
            ], dPrevious, ["da.i": dai, "da.f": daf, "da.g": dag, "da.o": dao])
        case .gru:
            let r = values(state.gates["r"]), z = values(state.gates["z"]), n = values(state.gates["n"])
            let hn = product(weightsHH, rows: 2 * hiddenSize..<3 * hiddenSize, hPrevious)
            let bhn = slice(model.recurrent.layers[layer].biasHH, 2 * hiddenSize..<3 * hiddenSize)
            let dan: [Double] = each { u in dh[u] * (1 - z[u]) * (1 - n[u] * n[u]) }
            let daz: [Double] = each { u in dh[u] * (previous[u] - n[u]) * Self.slope(z[u]) }
            let dar: [Double] = each { u in dan[u] * (hn[u] + bhn[u]) * Self.slope(r[u]) }
            let throughN = back(2, each { u in dan[u] * r[u] })
            let dr = back(0, dar), dz = back(1, daz)
            let dPrevious: [Double] = each { u in dh[u] * z[u] + dr[u] + dz[u] + throughN[u] }
            return ([
                show("da.n", "∂L/∂a_n = ∂L/∂h_t ⊙ (1 − z) ⊙ (1 − n²)", dan),
                show("da.z", "∂L/∂a_z = ∂L/∂h_t ⊙ (h_{t-1} − n) ⊙ z(1 − z)", daz),
                show("da.r", "∂L/∂a_r = ∂L/∂a_n ⊙ (W_hn h_{t-1} + b_hn) ⊙ r(1 − r)", dar),
                show("dh_prev", "∂L/∂h_{t-1} = ∂L/∂h_t ⊙ z + W_hrᵀ∂L/∂a_r + W_hzᵀ∂L/∂a_z + W_hnᵀ(r ⊙ ∂L/∂a_n)", dPrevious),
            ], dPrevious, ["da.r": dar, "da.z": daz])
        }
    }

    /// The sigmoid's slope at a gate's value s: s (1 − s).
    static func slope(_ s: Double) -> Double { s * (1 - s) }

    /// `value(u)` for every unit u of the layer.
    func each(_ value: (Int) -> Double) -> [Double] { (0..<hiddenSize).map(value) }

    /// The part of ∂L_t/∂W_hh[row][column] this step gives: ∂L/∂a of that row's gate and unit
    /// times h_{t−1}[column] (earlier steps add theirs), from the full gate gradients `deltas`.
    func thisStepsPart(_ deltas: [String: [Double]], row: Int, column: Int) -> Double? {
        let names = cell == .rnn ? ["da"] : cell.gateNames.map { "da.\($0)" }
        let gate = row / hiddenSize, unit = row % hiddenSize
        guard names.indices.contains(gate), let delta = deltas[names[gate]], delta.indices.contains(unit),
              hPrevious.indices.contains(column), !(cell == .gru && gate == 2)
        else { return nil }
        return delta[unit] * Double(hPrevious[column])
    }

    /// Rows of `parameter`'s first `units` columns when it is small, for the weights block.
    func weightRows(_ parameter: Parameter, name: String) -> [WorkedRow] {
        let columns = parameter.shape[1]
        return (0..<parameter.shape[0]).map { r in
            WorkedRow(key: "\(name)[\(r)]", label: "\(name)[\(r)]", values: (0..<min(columns, units)).map { Double(parameter.value[r * columns + $0]) })
        }
    }

    /// `Mᵀ v` for the rows `rows` of `parameter`.
    func transposedProduct(_ parameter: Parameter, rows: Range<Int>, _ vector: [Double]) -> [Double] {
        let columns = parameter.shape[1]
        return (0..<columns).map { c in
            (0..<rows.count).reduce(0.0) { $0 + Double(parameter.value[(rows.lowerBound + $1) * columns + c]) * vector[$1] }
        }
    }

    /// Rows `rows` of `parameter` times `vector`.
    func product(_ parameter: Parameter, rows: Range<Int>, _ vector: [Float]) -> [Double] {
        let columns = parameter.shape[1]
        return rows.map { r in (0..<columns).reduce(0.0) { $0 + Double(parameter.value[r * columns + $1]) * Double(vector[$1]) } }
    }

    func slice(_ parameter: Parameter, _ rows: Range<Int>) -> [Double] { rows.map { Double(parameter.value[$0]) } }
}
