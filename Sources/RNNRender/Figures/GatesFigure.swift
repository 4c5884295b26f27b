import RNNCore

/// `gates`: each gate's activations, units × time (sigmoid gates 0…1 sequential; g and n diverging).
struct GatesFigure: Figure {
    let stack: HeatmapStackFigure

    /// Each gate's name ("input gate i") and what it does, for block titles and colour bars.
    static let gates: [String: (name: String, role: String)] = [
        "i": ("input gate i", "how much new content is written"), "f": ("forget gate f", "how much of c_{t-1} is kept"),
        "g": ("candidate g = tanh(·)", "the new content"), "o": ("output gate o", "how much of tanh(c_t) is shown"),
        "r": ("reset gate r", "how much of h_{t-1} feeds n"), "z": ("update gate z", "how much of h_{t-1} is kept"),
        "n": ("candidate n = tanh(·)", "the new state"),
    ]

    /// The gate's name for a colour bar ("input gate i", "candidate g"), or the letter when unknown.
    static func name(_ gate: String) -> String {
        guard let name = gates[gate]?.name else { return gate }
        return name.components(separatedBy: " = ").first ?? name
    }

    /// A block title: the gate's name and role.
    static func title(_ gate: String) -> String {
        guard let info = gates[gate] else { return gate }
        return "\(info.name) (\(info.role))"
    }

    /// Whether a gate's values are tanh outputs (−1…1) rather than sigmoid (0…1).
    static func isTanh(_ gate: String) -> Bool { gate == "g" || gate == "n" }

    init(trace: LessonTrace) {
        var blocks: [Heatmap] = []
        let layers = trace.layerCount
        let names = trace.gateNames
        for layer in 0..<layers {
            for (k, gate) in names.enumerated() {
                let values = trace.unitsByTime(layer: layer) { $0.gates[gate] }
                guard !values.isEmpty else { continue }
                let prefix = layers > 1 ? "layer \(layer) · " : ""
                blocks.append(HeatmapLayout.timeBlock(
                    trace, title: prefix + Self.title(gate), values: values,
                    scale: Self.isTanh(gate) ? .signed : .unit, colorBarLabel: Self.name(gate),
                    lastBlock: layer == layers - 1 && k == names.count - 1, maxHeight: 160))
            }
        }
        stack = HeatmapStackFigure(
            header: trace.header("\(trace.model.cell.uppercased()) gates per unit over time"), blocks: blocks)
    }

    func size(_ canvas: Canvas) throws -> Size { try stack.size(canvas) }
    func draw(_ canvas: Canvas, size: Size) throws { try stack.draw(canvas, size: size) }
}
