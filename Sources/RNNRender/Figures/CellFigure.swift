import RNNTrace

/// `cell`: the inside of one cell at the step where h changed most, as in colah's diagrams
/// (c_{t-1} → × f → + i·g → c_t; tanh; × o → h_t), each vector drawn as a coloured strip with
/// values. A wide layer shows the units that vary most (the same ones in every strip).
struct CellFigure: Figure {
    let trace: LessonTrace
    let t: Int
    let header: Header
    let units: UnitSelection
    let room: Size
    static let cellWidth: Double = 600
    static let cellHeight: Double = 300
    /// Left of the cell: the incoming strips; right: the outgoing strips.
    static let side: Double = 96
    /// Below the cell: the input x_t as a row.
    static let inputRow: Double = 50

    init(trace: LessonTrace, room: Size = PageSize.natural.room) {
        self.trace = trace
        self.room = room
        // The step whose bottom-layer h moved most from the previous one (the last on ties).
        var best = 0, bestChange = -1.0
        for (k, step) in trace.steps.enumerated() {
            let previous = k > 0 ? trace.steps[k - 1].layers.first?.h ?? [] : []
            let h = step.layers.first?.h ?? []
            let change = h.indices.map { i in Double(h[i] - (i < previous.count ? previous[i] : 0)) }.map { $0 * $0 }.reduce(0, +)
            if change >= bestChange { best = k; bestChange = change }
        }
        t = best
        units = UnitSelection.byVariance(trace.unitsByTime(layer: 0) { $0.h }, limit: Drawing.largestStrip)
        let token = trace.steps.isEmpty ? "" : displayToken(trace.steps[best].inputToken)
        let layerNote = trace.layerCount > 1 ? " (layer 0)" : ""
        var key = ["the step where h changed most", "strips: −1 blue … 1 orange" + (trace.hasGates ? ", gates 0 … 1" : "")]
        if let note = units.note { key.append(note) }
        header = trace.header("Inside the \(trace.model.cell.displayName) cell\(layerNote) at step t = \(t), reading “\(token)”",
                              key: key.joined(separator: " · "))
    }

    /// Whether the colour bars stand under the cell, side by side (a room too narrow for them beside it).
    private func barsBelow(_ canvas: Canvas) -> Bool {
        Self.cellWidth + 2 * Self.side + barsWidth(canvas) > room.width - 2 * Layout.margin
    }
    static let barsBelowHeight: Double = 90

    private func frame(_ canvas: Canvas) -> (header: Header, width: Double) {
        let beside = barsBelow(canvas) ? 0 : barsWidth(canvas)
        return header.fitted(canvas, contentWidth: Self.cellWidth + 2 * Self.side + beside, roomWidth: room.width - 2 * Layout.margin)
    }

    /// The colour bars right of the outgoing strips.
    private var bars: [ColorBar] {
        var list = [ColorBar(scale: .signed, label: "value")]
        if trace.hasGates { list.append(ColorBar(scale: .unit, label: "gate σ")) }
        if let scale = cellScale, scale.range.upperBound > 1 { list.append(ColorBar(scale: scale, label: "cell state c")) }
        return list
    }
    private func barsWidth(_ canvas: Canvas) -> Double { (bars.map { $0.width(canvas, height: 80) }.max() ?? 0) + Layout.gap }

    /// c is not squashed: c_{t-1} and c_t share one scale, with its own colour bar beyond ±1.
    private var cellScale: ValueScale? {
        guard let c = trace.steps[t].layers.first?.c else { return nil }
        let previous = t > 0 ? trace.steps[t - 1].layers.first?.c ?? [] : []
        return .symmetric(covering: previous + c)
    }

    func size(_ canvas: Canvas) throws -> Size {
        let (header, width) = frame(canvas)
        return Size(width: width + 2 * Layout.margin,
                    height: header.height + 12 + Self.cellHeight + Self.inputRow + (barsBelow(canvas) ? Self.barsBelowHeight : 0)
                        + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let (header, width) = frame(canvas)
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        let step = trace.steps[t]
        guard let layer = step.layers.first else { return }
        let previous = t > 0 ? trace.steps[t - 1].layers.first : nil
        let zeros = [Float](repeating: 0, count: layer.h.count)
        let below = barsBelow(canvas)
        let left = Layout.margin + (width - Self.cellWidth - 2 * Self.side - (below ? 0 : barsWidth(canvas))) / 2 + Self.side
        let d = Drawing(canvas: canvas, x0: left, y0: Layout.margin + header.height + 12, units: units)
        d.frame()
        switch trace.model.cell {
        case .lstm:
            d.lstm(layer, hPrevious: previous?.h ?? zeros, cPrevious: previous?.c ?? zeros, x: step.x, cScale: cellScale ?? .signed)
        case .gru: d.gru(layer, hPrevious: previous?.h ?? zeros, x: step.x)
        case .rnn: d.rnn(layer, hPrevious: previous?.h ?? zeros, x: step.x)
        }
        if below {
            // Side by side under the cell, from its right edge leftwards.
            var barX = left + Self.cellWidth + Self.side
            let barY = d.y0 + Self.cellHeight + Self.inputRow + 4
            for bar in bars.reversed() {
                barX -= bar.width(canvas, height: Self.barsBelowHeight - 10) + Layout.gap
                try bar.draw(canvas, x: barX, y: barY, height: Self.barsBelowHeight - 10)
            }
            return
        }
        var barY = d.y0
        let barX = left + Self.cellWidth + Self.side + Layout.gap
        let barHeight = min(100, (Self.cellHeight - Double(bars.count - 1) * Layout.gap) / Double(bars.count))
        for bar in bars {
            try bar.draw(canvas, x: barX, y: barY, height: barHeight)
            barY += barHeight + Layout.gap
        }
    }
}
