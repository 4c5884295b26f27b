import RNNTrace

/// Read-only views of a trace shaped for drawing.
extension LessonTrace {
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

    /// "hello · LSTM, 1 layer, hidden 5 · 50 iterations · Adam, lr 0.1" — the model and its training.
    var subtitle: String {
        let iterations = training.iterations
        var parts = [lesson.name, model.caption]
        if iterations > 0 { parts.append("\(iterations) iteration\(iterations == 1 ? "" : "s")") }
        if !training.optimizer.isEmpty { parts.append(training.optimizer) }
        return parts.joined(separator: " · ")
    }

    /// The lesson as a figure's byline: its title, then the model and its training.
    var byline: String { "\(lesson.title) — \(subtitle)" }

    /// "iteration 6 of 50 · loss 0.4123" for a trace of a network during training, else `nil`.
    var iterationNote: String? {
        guard let k = shownIteration else { return nil }
        var note = "iteration \(k) of \(training.iterations)"
        if training.loss.indices.contains(k) { note += " · loss \(Ticks.format(training.loss[k], decimals: 4))" }
        return note
    }

    /// A figure's header: what it shows as the headline (with the iteration of a network during
    /// training), the key to reading it, and the lesson as the byline.
    func header(_ headline: String, key: String? = nil) -> Header {
        let title = iterationNote.map { "\(headline) — \($0)" } ?? headline
        return Header(title: title, subtitles: [key, byline].compactMap { $0 }.filter { !$0.isEmpty })
    }
}

/// Unit labels "0", "1", … for heatmap rows: units count from 0, as layers, steps and
/// iterations do (and as `h[0]` in PyTorch).
func unitLabels(_ count: Int) -> [String] { (0..<count).map { "\($0)" } }
