import RNNCore

/// `hidden`: hidden units × time per layer (diverging −1…1); LSTM cell state on a symmetric ±max|c| scale.
struct HiddenFigure: Figure {
    let stack: HeatmapStackFigure

    init(trace: LessonTrace) {
        var blocks: [Heatmap] = []
        let layers = trace.layerCount
        for layer in 0..<layers {
            let name = layers > 1 ? "layer \(layer) · " : ""
            let hasCell = trace.steps.contains { $0.layers.indices.contains(layer) && $0.layers[layer].c != nil }
            let h = trace.unitsByTime(layer: layer) { $0.h }
            blocks.append(HeatmapLayout.timeBlock(
                trace, title: "\(name)hidden state h_t", values: h, scale: .signed, colorBarLabel: "h value",
                lastBlock: layer == layers - 1 && !hasCell))
            if hasCell {
                let c = trace.unitsByTime(layer: layer) { $0.c }
                blocks.append(HeatmapLayout.timeBlock(
                    trace, title: "\(name)cell state c_t (scale ±max |c|)", values: c,
                    scale: .symmetric(covering: c.flatMap { $0.map(Float.init) }), colorBarLabel: "c value",
                    lastBlock: layer == layers - 1))
            }
        }
        stack = HeatmapStackFigure(
            header: trace.header("Hidden units over time: blue negative, white 0, red positive"), blocks: blocks)
    }

    func size(_ canvas: Canvas) throws -> Size { try stack.size(canvas) }
    func draw(_ canvas: Canvas, size: Size) throws { try stack.draw(canvas, size: size) }
}
