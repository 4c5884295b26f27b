import RNNCore

/// Read-only views of a trace shaped for drawing.
extension LessonTrace {
    /// The gate names of the trace's cell, in order (empty for a plain RNN).
    var gateNames: [String] {
        switch model.cell.lowercased() {
        case "lstm": ["i", "f", "g", "o"]
        case "gru": ["r", "z", "n"]
        default: []
        }
    }

    /// Whether the cell has gates (LSTM or GRU) recorded in the steps.
    var hasGates: Bool { !gateNames.isEmpty && steps.contains { $0.layers.contains { !$0.gates.isEmpty } } }

    /// The number of recurrent layers recorded.
    var layerCount: Int { steps.map(\.layers.count).max() ?? 0 }

    /// The shown input's tokens, displayable.
    var tokenLabels: [String] { steps.map { displayToken($0.inputToken) } }

    /// units × time values picked by `value` from each step's layer `layer`.
    func unitsByTime(layer: Int, _ value: (LayerStepTrace) -> [Float]?) -> [[Double]] {
        let columns = steps.map { $0.layers.indices.contains(layer) ? value($0.layers[layer]) ?? [] : [] }
        let units = columns.map(\.count).max() ?? 0
        return (0..<units).map { u in columns.map { u < $0.count ? Double($0[u]) : .nan } }
    }

    /// "hello · LSTM, 1 layer, hidden 5 · 50 iterations · Adam, lr 0.1" — the figures' subtitle.
    var subtitle: String {
        let iterations = training.iterations
        var parts = [lesson.name, model.caption]
        if iterations > 0 { parts.append("\(iterations) iteration\(iterations == 1 ? "" : "s")") }
        if !training.optimizer.isEmpty { parts.append(training.optimizer) }
        return parts.joined(separator: " · ")
    }

    /// A header: lesson title, the trace subtitle, and what this figure shows.
    func header(_ description: String) -> Header {
        Header(title: lesson.title, subtitles: [subtitle, description])
    }
}

/// Unit labels "0", "1", … for heatmap rows: units count from 0, as layers, steps and
/// iterations do (and as `h[0]` in PyTorch).
func unitLabels(_ count: Int) -> [String] { (0..<count).map { "\($0)" } }
