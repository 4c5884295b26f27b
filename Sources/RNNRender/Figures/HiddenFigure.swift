import RNNTrace

/// `hidden`: hidden units × time per layer (diverging −1…1); an LSTM's cell state beside it, on a
/// symmetric ±max|c| scale. Deep stacks show their first and last layer.
struct HiddenFigure: Figure {
    let grid: TimeHeatmapFigure

    init(trace: LessonTrace, room: Size = PageSize.natural.room) {
        let layers = LayerSelection(total: trace.layerCount, limit: 3)
        var rows: [TimeHeatmapFigure.Row] = []
        for layer in layers.layers {
            let name = layers.prefix(layer)
            let h = trace.unitsByTime(layer: layer) { $0.h }
            var blocks = [TimeHeatmapFigure.Block(title: "\(name)hidden state h_t", values: h, scale: .signed, colorBarLabel: "h value")]
            if trace.steps.contains(where: { $0.layers.indices.contains(layer) && $0.layers[layer].c != nil }) {
                let c = trace.unitsByTime(layer: layer) { $0.c }
                blocks.append(.init(
                    title: "\(name)cell state c_t (scale ±max |c|)", values: c,
                    scale: .symmetric(covering: c.flatMap { $0.map(Float.init) }), colorBarLabel: "c value"))
            }
            rows.append(.init(blocks: blocks, ranking: h))
        }
        grid = TimeHeatmapFigure(
            trace: trace, headline: "Hidden state of every unit at every step",
            key: ["blue negative, white 0, orange positive"] + [layers.note].compactMap { $0 }, rows: rows, room: room)
    }

    func size(_ canvas: Canvas) throws -> Size { try grid.size(canvas) }
    func draw(_ canvas: Canvas, size: Size) throws { try grid.draw(canvas, size: size) }
}
