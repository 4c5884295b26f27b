import RNNRender
import RNNTrace

/// The per-step vectors `inspect` reports, in a fixed order: for every layer `h`, `c` (LSTM)
/// and the gates by name (LSTM `i f g o`, GRU `r z n`).
struct InspectQuantities {
    /// One quantity of one layer over all steps: `values[step][unit]`.
    struct Series {
        var layer: Int
        var name: String
        var values: [[Float]]
    }

    var series: [Series]

    /// The quantities of `trace`'s input steps.
    init(_ trace: LessonTrace) {
        let layers = trace.steps.map(\.layers.count).max() ?? 0
        var series: [Series] = []
        for k in 0..<layers {
            let layerSteps = trace.steps.map { k < $0.layers.count ? $0.layers[k] : nil }
            series.append(Series(layer: k, name: "h", values: layerSteps.map { $0?.h ?? [] }))
            if layerSteps.contains(where: { $0?.c != nil }) {
                series.append(Series(layer: k, name: "c", values: layerSteps.map { $0?.c ?? [] }))
            }
            for gate in trace.gateNames where layerSteps.contains(where: { $0?.gates[gate] != nil }) {
                series.append(Series(layer: k, name: gate, values: layerSteps.map { $0?.gates[gate] ?? [] }))
            }
        }
        self.series = series
    }

    /// "hidden state h", "cell state c", "forget gate f".
    static func title(_ name: String, cell: CellKind) -> String {
        switch name {
        case "h": "hidden state h"
        case "c": "cell state c"
        default: "\(cell.gateDescription(name)) \(name)"
        }
    }

    /// The colour scale a quantity is drawn with.
    static func scale(_ name: String, values: [[Float]]) -> ValueScale {
        switch name {
        case "h": .signed
        case "c": .symmetric(covering: values.flatMap { $0 })
        default: CellKind.isTanhGate(name) ? .signed : .unit
        }
    }
}
