import RNNTrace


extension StepContent {
    /// The strip of a next-token lesson: step numbers, the input, the predictions up to now, the targets.
    func tokenStrip(width: Int) -> [StyledLine] {
        guard case .input(let t) = position else { return [] }
        let steps = trace.steps
        let numbers = steps.indices.map { TokenStrip.Cell(text: "\($0)", style: .dim) }
        let inputs = steps.map { TokenStrip.Cell(text: TraceDisplay.token($0.inputToken)) }
        let predicted = steps.indices.map { index -> TokenStrip.Cell in
            let step = steps[index]
            guard index <= t, let prediction = step.prediction else { return TokenStrip.Cell(text: "·", style: .dim) }
            if index == t && reveal.hidesPrediction { return TokenStrip.Cell(text: "?", style: .accent) }
            return TokenStrip.Cell(text: TraceDisplay.token(prediction), style: prediction == step.target ? .good : .bad)
        }
        var rows = [TokenStrip.Row(label: "t", cells: numbers), TokenStrip.Row(label: "input", cells: inputs),
                    TokenStrip.Row(label: "predicted", cells: predicted, highlightsCurrent: false)]
        if steps.contains(where: { $0.target != nil }) {
            rows.append(TokenStrip.Row(label: "target", cells: steps.map { TokenStrip.Cell(text: $0.target.map(TraceDisplay.token) ?? "") }))
        }
        return TokenStrip(rows: rows, current: t).lines(width: width)
    }

    /// x_t under the tokens (or features) that index it, then per layer, under the unit numbers
    /// that index them, h_{t-1}, the gates by name, c_t and h_t.
    func recurrentBlock(_ t: Int) -> VectorBlock {
        let step = trace.steps[t]
        let oneHot = step.x.allSatisfy { $0 == 0 || $0 == 1 }
        var rows: [VectorBlock.Row] = []
        let labels = TraceDisplay.inputLabels(trace, width: step.x.count)
        var note: String?
        if oneHot, step.x.filter({ $0 == 1 }).count == 1 { note = "one-hot “\(TraceDisplay.token(step.inputToken))”" }
        let unitRange = step.x.allSatisfy { (0...1).contains($0) }
        rows.append(VectorBlock.Row(label: "x_t", values: step.x, scale: unitRange ? .unit : .symmetric(covering: step.x),
                                    unitNames: labels, unitHeading: trace.model.featureNames.isEmpty ? "token" : "feature",
                                    note: note))
        let layered = step.layers.count > 1
        for (k, layer) in step.layers.enumerated() {
            let suffix = layered ? " L\(k)" : ""
            let previous = t > 0 && k < trace.steps[t - 1].layers.count ? trace.steps[t - 1].layers[k].h
                : [Float](repeating: 0, count: layer.h.count)
            rows.append(VectorBlock.Row(label: "h_{t-1}" + suffix, values: previous, scale: .signed,
                                        unitNames: VectorBlock.unitNumbers(previous.count), unitHeading: "unit"))
            for gate in trace.gateNames {
                guard let values = layer.gates[gate] else { continue }
                let label = "\(gate) \(trace.model.cell.gateDescription(gate))" + suffix
                rows.append(VectorBlock.Row(label: label, values: values,
                                            scale: CellKind.isTanhGate(gate) ? .signed : .unit))
            }
            if let c = layer.c { rows.append(VectorBlock.Row(label: "c_t" + suffix, values: c, scale: .symmetric(covering: c))) }
            rows.append(VectorBlock.Row(label: "h_t" + suffix, values: layer.h, scale: .signed, emphasised: true))
        }
        return VectorBlock(rows: rows)
    }
}
