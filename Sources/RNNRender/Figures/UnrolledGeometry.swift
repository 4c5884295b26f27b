import RNNTrace

/// Where the columns of an unrolled network sit and how tall each part of a band is.
struct UnrolledGeometry {
    /// Columns per row (the last row may be shorter by less than one row's share: rows are even).
    let perRow: Int
    let rows: Int
    /// The distance between column centres.
    let pitch: Double
    /// The hidden layers drawn (a deep stack: the first and the last), bottom first.
    let shownLayers: LayerSelection
    var layers: Int { shownLayers.layers.count }
    let hasOutput: Bool
    let hasTargets: Bool
    let showsDecoder: Bool
    /// The cell of an input vector's value, and of a hidden state's.
    let inputCell: Size
    let hiddenCell: Size
    let inputWritten: Bool
    let hiddenWritten: Bool
    /// The units drawn of each drawn layer (and of the decoder's state, with the top layer's).
    let hiddenUnits: [UnitSelection]
    let inputHeight: Double
    let hiddenHeight: Double
    let outputHeight: Double
    let outputWidth: Double
    let arrowGap: Double
    /// The row labels' column, left of the first column.
    let labelWidth: Double
    let colorBar: ColorBar

    static let predictionHeight: Double = 40
    static let tokenHeight: Double = 28
    static let groupHeight: Double = 30
    /// The narrowest columns: an output box and a little room for the recurrent arrow.
    static let minimumPitch: Double = 72
    static let widestPitch: Double = 86
    /// The least a vector's cell is tall before units are summarised.
    static let minimumCellHeight: Double = 2
    /// The smallest cell a value is written into.
    static let writtenCellHeight: Double = 13

    var bandHeight: Double {
        (hasOutput ? Self.predictionHeight + outputHeight + arrowGap : 0) + Double(layers) * hiddenHeight
            + Double(layers - 1) * arrowGap + arrowGap + inputHeight + Self.tokenHeight + (showsDecoder ? Self.groupHeight : 0)
    }

    func size(_ canvas: Canvas) -> Size {
        Size(width: labelWidth + Double(perRow) * pitch + 20 + colorBar.width(canvas, height: 120),
             height: Double(rows) * bandHeight + Double(rows - 1) * Layout.gap)
    }

    /// The vertical centre of each part of a band (top of band = `top`).
    func layout(top: Double) -> (target: Double, prediction: Double, output: Double, hidden: [Double], input: Double, token: Double) {
        var y = top
        let target = y + 8, prediction = y + 27
        if hasOutput { y += Self.predictionHeight }
        let output = y + outputHeight / 2
        if hasOutput { y += outputHeight + arrowGap }
        var hidden: [Double] = []
        for layer in (0..<layers).reversed() {
            hidden.insert(y + hiddenHeight / 2, at: 0)
            y += hiddenHeight + (layer > 0 ? arrowGap : 0)
        }
        y += arrowGap
        let input = y + inputHeight / 2
        return (target, prediction, output, hidden, input, y + inputHeight + 16)
    }

    /// Chooses rows, columns and band height for a trace, then sizes the vectors.
    struct Fitting {
        let trace: LessonTrace
        let showsDecoder: Bool
        /// Whether the outputs are drawn as boxes of probabilities (else only the predicted token
        /// on top: a step frame shows the softmax beside the network).
        var outputBoxes = true
        /// The most hidden layers drawn; a deeper stack draws its first and last.
        var layerLimit = 3

        var shownLayers: LayerSelection { LayerSelection(total: max(trace.layerCount, 1), limit: layerLimit) }

        var layers: Int { shownLayers.layers.count }
        var hasOutput: Bool { showsDecoder || trace.steps.contains { $0.probabilities != nil || $0.prediction != nil } }
        var hasTargets: Bool { trace.steps.contains { $0.target != nil } }
        var inputSize: Int { trace.steps.map(\.x.count).max() ?? 0 }
        var hiddenSize: Int {
            (trace.steps.flatMap { $0.layers.map(\.h.count) } + (trace.decoder ?? []).map(\.state.count)).max() ?? 0
        }
        var isOneHot: Bool { trace.steps.allSatisfy { $0.x.allSatisfy { $0 == 0 || $0 == 1 } && $0.x.reduce(0, +) == 1 } }
        var outputRows: Int { min(trace.outputTokens.count, 5) }
        var outputHeight: Double {
            guard hasOutput, outputBoxes else { return 0 }
            return trace.steps.contains { $0.probabilities != nil } ? Double(outputRows) * 13 + 10 : 26
        }
        /// A classifier's output names its labels, which are words: a wider box.
        var outputWidth: Double { trace.classification == nil ? 66 : 112 }
        var arrowGap: Double { !outputBoxes ? 18 : layers > 2 ? 20 : 30 }
        var minimumPitch: Double { outputBoxes ? max(UnrolledGeometry.minimumPitch, outputWidth + 8) : 56 }

        /// The row labels' width and the colour bar's, measured.
        func sides() -> (labels: Double, bar: Double) {
            let canvas = try? Document.measuringCanvas()
            let labels = rowLabels.map { canvas?.textWidth($0, size: UnrolledNetwork.labelSize) ?? Double($0.count) * 6.5 }.max() ?? 0
            let bar = canvas.map { ColorBar(scale: .signed, label: "hidden value h").width($0, height: 120) } ?? 60
            return (labels + 12 + featureWidth(canvas), bar + 20)
        }

        var rowLabels: [String] {
            var labels = ["input token", inputLabel] + shownLayers.layers.map(hiddenLabel)
            if hasOutput { labels += [outputLabel, "prediction"] + (hasTargets ? ["target"] : []) }
            return labels
        }
        var inputLabel: String { isOneHot ? "input (one-hot)" : showsDecoder ? "input x_t (embedding)" : "input x_t" }
        func hiddenLabel(_ layer: Int) -> String {
            trace.layerCount > 1 ? "hidden h_t (layer \(layer))" : showsDecoder ? "hidden state" : "hidden h_t"
        }
        var outputLabel: String { trace.isRegression ? "output (linear)" : "output (softmax)" }

        /// Names of the input vector's rows (regression features), written left of each row's first input.
        var featureNames: [String] {
            !isOneHot && inputSize <= 8 && trace.model.featureNames.count == inputSize ? trace.model.featureNames : []
        }
        func featureWidth(_ canvas: Canvas?) -> Double {
            guard !featureNames.isEmpty else { return 0 }
            let widest = featureNames.map { canvas?.textWidth($0, size: UnrolledNetwork.noteSize) ?? Double($0.count) * 6 }.max() ?? 0
            return max(0, widest + 10 - (UnrolledGeometry.minimumPitch / 2 - 25))
        }

        /// The band's height without its vectors' cells.
        var fixedHeight: Double {
            (hasOutput ? UnrolledGeometry.predictionHeight + outputHeight + arrowGap : 0) + Double(layers - 1) * arrowGap
                + arrowGap + UnrolledGeometry.tokenHeight + (showsDecoder ? UnrolledGeometry.groupHeight : 0)
                + 10 * Double(layers + 1)
        }
        /// The lowest band that still draws every vector: 20 points of cells each.
        var smallestBand: Double { fixedHeight + 20 * Double(layers + 1) }

        /// How many columns fit the room, in how many rows of how many, and how tall a band is.
        func fit(columns count: Int, room: Size) -> (columns: Int, perRow: Int, bandHeight: Double) {
            let (labels, bar) = sides()
            let width = room.width - labels - bar
            let widest = max(1, Int(width / minimumPitch))
            for rows in 1...3 {
                let perRow = (count + rows - 1) / rows
                let band = (room.height - Double(rows - 1) * Layout.gap) / Double(rows)
                if perRow <= widest, band >= smallestBand { return (count, max(perRow, 1), band) }
            }
            // A window: as many rows of the widest length as fit.
            let rows = max(1, (1...3).last { (room.height - Double($0 - 1) * Layout.gap) / Double($0) >= smallestBand } ?? 1)
            let band = (room.height - Double(rows - 1) * Layout.gap) / Double(rows)
            return (min(count, widest * rows), widest, band)
        }

        /// The geometry of `columns` in rows of `perRow`, each band at most `bandHeight` tall.
        func geometry(columns: [UnrolledNetwork.Column], perRow: Int, bandHeight: Double, room: Size) -> UnrolledGeometry {
            let (labels, bar) = sides()
            let perRow = max(1, min(perRow, columns.count))
            let rows = (columns.count + perRow - 1) / perRow
            // A classifier's wider output boxes can make the narrowest pitch wider than the widest.
            let pitch = Layout.clamp((room.width - labels - bar) / Double(perRow),
                                     minimumPitch...max(minimumPitch, UnrolledGeometry.widestPitch))
            let cells = max(bandHeight - fixedHeight, 20 * Double(layers + 1))
            // The cells the vectors would like, then shrunk together to the room.
            let inputWanted = Double(inputSize) * (isOneHot ? Layout.clamp(96 / Double(max(inputSize, 1)), 2...14) : 15)
            let hiddenWanted = Double(hiddenSize) * 15
            let shrink = min(1, cells / max(inputWanted + Double(layers) * hiddenWanted, 1))
            let inputCells = max(inputWanted * shrink, min(20, inputWanted))
            let hiddenCells = max((cells - inputCells) / Double(layers), 20)
            let shownUnits = min(hiddenSize, max(1, Int(min(hiddenCells, hiddenWanted) / UnrolledGeometry.minimumCellHeight)))
            let steps = columns.compactMap { if case .encoder(let t) = $0 { t } else { nil } }
            let selections = shownLayers.layers.map { layer -> UnitSelection in
                let values = trace.unitsByTime(layer: layer) { $0.h }.map { row in steps.map { row[$0] } }
                return UnitSelection.byVariance(values.isEmpty ? Array(repeating: [0], count: hiddenSize) : values, limit: shownUnits)
            }
            let hiddenCellHeight = min(15, min(hiddenCells, hiddenWanted) / Double(max(shownUnits, 1)))
            let inputCellHeight = inputCells / Double(max(inputSize, 1))
            let hiddenWritten = shownUnits <= 8 && hiddenCellHeight >= UnrolledGeometry.writtenCellHeight
            let inputWritten = !isOneHot && inputSize <= 8 && inputCellHeight >= UnrolledGeometry.writtenCellHeight
            return UnrolledGeometry(
                perRow: perRow, rows: rows, pitch: pitch, shownLayers: shownLayers, hasOutput: hasOutput, hasTargets: hasTargets,
                showsDecoder: showsDecoder,
                inputCell: Size(width: inputWritten ? 40 : 14, height: inputCellHeight),
                hiddenCell: Size(width: hiddenWritten ? 44 : 16, height: hiddenCellHeight),
                inputWritten: inputWritten, hiddenWritten: hiddenWritten, hiddenUnits: selections,
                inputHeight: inputCells + 10, hiddenHeight: hiddenCellHeight * Double(shownUnits) + 10,
                outputHeight: outputHeight, outputWidth: outputWidth, arrowGap: arrowGap, labelWidth: labels,
                colorBar: ColorBar(scale: .signed, label: "hidden value h"))
        }
    }
}
