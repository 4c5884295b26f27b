/// The lecture's "recurrent networks offer a lot of flexibility" shapes.
public enum ArchitectureKind: String, CaseIterable, Sendable {
    case oneToOne = "one-to-one"
    case oneToMany = "one-to-many"
    case manyToOne = "many-to-one"
    case manyToMany = "many-to-many"
    case seq2seq
    case stacked

    /// Steps drawn, where inputs and outputs are, how many hidden layers.
    var shape: (steps: Int, inputs: Set<Int>, outputs: Set<Int>, layers: Int) {
        switch self {
        case .oneToOne: (1, [0], [0], 1)
        case .oneToMany: (4, [0], [0, 1, 2, 3], 1)
        case .manyToOne: (4, [0, 1, 2, 3], [3], 1)
        case .manyToMany: (4, [0, 1, 2, 3], [0, 1, 2, 3], 1)
        case .seq2seq: (6, [0, 1, 2], [3, 4, 5], 1)
        case .stacked: (4, [0, 1, 2, 3], [0, 1, 2, 3], 3)
        }
    }

    /// The name and an example task.
    var caption: (title: String, example: String) {
        switch self {
        case .oneToOne: ("one to one", "a plain network without recurrence: image classification")
        case .oneToMany: ("one to many", "image captioning: an image in, a sequence of words out")
        case .manyToOne: ("many to one", "sentiment: a sequence of words in, one sentiment out")
        case .manyToMany: ("many to many", "video frame labelling: a label for every frame")
        case .seq2seq: ("sequence to sequence", "translation: read the whole sentence, then write the answer")
        case .stacked: ("stacked (deep) RNN", "hidden layers on top of each other, every step")
        }
    }
}

/// Architecture diagrams drawn without a model: red inputs, green hidden states, blue outputs.
public enum ArchitectureDiagram {
    /// Draws the diagram of `kind` and returns the file's bytes.
    public static func render(kind: ArchitectureKind, format: OutputFormat, scale: Double = 2) throws -> [UInt8] {
        try Diagram(kind: kind).render(format: format, scale: scale)
    }

    struct Diagram: Figure {
        let kind: ArchitectureKind
        static let box: Double = 44
        static let pitch: Double = 84
        static let row: Double = 78

        var header: Header {
            Header(title: "Recurrent network shapes: \(kind.caption.title)", subtitles: [kind.caption.example])
        }
        private var rows: Int { kind.shape.layers + 2 }

        func size(_ canvas: Canvas) throws -> Size {
            let diagram = Double(kind.shape.steps - 1) * Self.pitch + Self.box + 120
            let legend = canvas.textWidth("input   hidden state   output", size: 12) + 90
            return Size(width: max(diagram, legend, header.preferredWidth(canvas)) + 2 * Layout.margin,
                        height: header.height + Double(rows - 1) * Self.row + Self.box + 40 + 2 * Layout.margin)
        }

        func draw(_ canvas: Canvas, size: Size) throws {
            let theme = canvas.theme
            header.draw(canvas, x: Layout.margin, y: Layout.margin, width: size.width - 2 * Layout.margin)
            let shape = kind.shape
            let width = Double(shape.steps - 1) * Self.pitch + Self.box
            let left = (size.width - width) / 2
            let top = Layout.margin + header.height
            func center(_ step: Int, _ row: Int) -> (Double, Double) {
                (left + Double(step) * Self.pitch + Self.box / 2, top + Double(rows - 1 - row) * Self.row + Self.box / 2)
            }
            func box(_ step: Int, _ row: Int, _ color: RGBColor) {
                let (x, y) = center(step, row)
                let r = Rect(x: x - Self.box / 2, y: y - Self.box / 2, width: Self.box, height: Self.box)
                canvas.fill(r, color.mixed(with: theme.background, 0.15), radius: 5)
                canvas.stroke(r, color.mixed(with: theme.text, 0.35), width: 1.5, radius: 5)
            }
            let half = Self.box / 2
            for step in 0..<shape.steps {
                for layer in 1...shape.layers {
                    let (x, y) = center(step, layer)
                    if step + 1 < shape.steps { canvas.arrow(x + half, y, x + Self.pitch - half - 1, y, theme.axis, width: 2) }
                    if layer > 1 || shape.inputs.contains(step) { canvas.arrow(x, y + Self.row - half, x, y + half + 1, theme.axis, width: 2) }
                    box(step, layer, theme.hidden)
                }
                if shape.inputs.contains(step) { box(step, 0, theme.input) }
                if shape.outputs.contains(step) {
                    let (x, y) = center(step, shape.layers + 1)
                    canvas.arrow(x, y + Self.row - half, x, y + half + 1, theme.axis, width: 2)
                    box(step, shape.layers + 1, theme.output)
                }
            }
            // Legend under the diagram.
            var x = left + width / 2 - (canvas.textWidth("input   hidden state   output", size: 12) + 54) / 2
            let y = top + Double(rows - 1) * Self.row + Self.box + 24
            for (name, color) in [("input", theme.input), ("hidden state", theme.hidden), ("output", theme.output)] {
                canvas.fill(Rect(x: x, y: y - 7, width: 14, height: 14), color, radius: 3)
                canvas.text(name, x: x + 20, y: y, size: 12, color: theme.secondaryText, valign: .middle)
                x += 20 + canvas.textWidth(name + "   ", size: 12) + 14
            }
        }
    }
}
