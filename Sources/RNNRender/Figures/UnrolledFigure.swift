import RNNCore

/// `unrolled`: the whole network unrolled over the shown input (a window when the input is long).
struct UnrolledFigure: Figure {
    let header: Header
    let network: UnrolledNetwork

    init(trace: LessonTrace) {
        network = UnrolledNetwork(trace: trace, window: UnrolledNetwork.window(count: trace.steps.count))
        var description = "Unrolled over the input: red inputs, green hidden states (values), blue outputs; prediction green = right, red = wrong"
        if network.window.count < trace.steps.count {
            description = "Steps \(network.window.lowerBound + 1)–\(network.window.upperBound) of \(trace.steps.count) shown · " + description
        }
        header = trace.header(description)
    }

    func size(_ canvas: Canvas) throws -> Size {
        let content = network.size(canvas)
        return Size(width: max(content.width, min(header.preferredWidth(canvas), 1000), 480) + 2 * Layout.margin,
                    height: header.height + content.height + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: size.width - 2 * Layout.margin)
        try network.draw(canvas, x: Layout.margin, y: Layout.margin + header.height)
    }
}
