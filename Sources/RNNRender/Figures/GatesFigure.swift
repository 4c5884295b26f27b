import RNNTrace

/// `gates`: each gate's activations, units × time (sigmoid gates 0…1 sequential; g and n
/// diverging), a column per gate and a row per layer (deep stacks: the first and the last).
struct GatesFigure: Figure {
    let grid: TimeHeatmapFigure

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

    init(trace: LessonTrace, room: Size = PageSize.natural.room) {
        let layers = LayerSelection(total: trace.layerCount, limit: 2)
        var rows: [TimeHeatmapFigure.Row] = []
        for layer in layers.layers {
            let blocks = trace.gateNames.compactMap { gate -> TimeHeatmapFigure.Block? in
                let values = trace.unitsByTime(layer: layer) { $0.gates[gate] }
                guard !values.isEmpty else { return nil }
                return .init(title: layers.prefix(layer) + Self.name(gate), values: values,
                             scale: CellKind.isTanhGate(gate) ? .signed : .unit, colorBarLabel: CellKind.isTanhGate(gate) ? "candidate" : "gate σ")
            }
            rows.append(.init(blocks: blocks, ranking: trace.unitsByTime(layer: layer) { $0.h }))
        }
        let candidate = trace.gateNames.first(where: CellKind.isTanhGate) ?? "g"
        grid = TimeHeatmapFigure(
            trace: trace, headline: "\(trace.model.cell.displayName) gates of every unit at every step",
            key: [trace.gateNames.map { "\($0): \(Self.gates[$0]?.role ?? "")" }.joined(separator: ", "),
                  "σ gates 0 (closed) to 1 (open), candidate \(candidate) −1 to 1"] + [layers.note].compactMap { $0 },
            rows: rows, room: room)
    }

    func size(_ canvas: Canvas) throws -> Size { try grid.size(canvas) }
    func draw(_ canvas: Canvas, size: Size) throws { try grid.draw(canvas, size: size) }
}
