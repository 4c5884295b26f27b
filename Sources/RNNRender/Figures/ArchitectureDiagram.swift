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
    public var caption: (title: String, example: String) {
        switch self {
        case .oneToOne: ("one to one", "a plain network without recurrence: image classification")
        case .oneToMany: ("one to many", "image captioning: an image in, a sequence of words out")
        case .manyToOne: ("many to one", "sentiment: a sequence of words in, one sentiment out")
        case .manyToMany: ("many to many, in step", "video frame labelling: a label for every frame")
        case .seq2seq: ("many to many (encoder–decoder)", "translation: read the whole sentence, then write the answer")
        case .stacked: ("stacked (deep) RNN", "hidden layers on top of each other, every step")
        }
    }

    /// The lecture's five shapes, in the order its slide draws them.
    public static let lectureOrder: [ArchitectureKind] = [.oneToOne, .oneToMany, .manyToOne, .seq2seq, .manyToMany]
}

/// Architecture diagrams drawn without a model: red inputs `x_t`, green hidden states `h_t`,
/// blue outputs `y_t`, each shape with the lessons that run it.
public enum ArchitectureDiagram {
    /// Draws the diagram of `kind`, naming `lessons` (the lessons that run this shape), and
    /// returns the file's bytes.
    public static func render(
        kind: ArchitectureKind, lessons: [String] = [], format: OutputFormat, scale: Double = 2, page: PageSize = .widescreen
    ) throws -> [UInt8] {
        try Diagram(header: Header(title: "Recurrent network shapes: \(kind.caption.title)", subtitles: [kind.caption.example]),
                    shapes: [ShapePanel(kind: kind, lessons: lessons)]).render(format: format, scale: scale, page: page)
    }

    /// Draws the lecture's five shapes side by side in the slide's order, each naming its lessons
    /// (`lessons[kind]`).
    public static func renderLectureShapes(
        lessons: [ArchitectureKind: [String]], format: OutputFormat, scale: Double = 2, page: PageSize = .widescreen
    ) throws -> [UInt8] {
        try Diagram(
            header: Header(
                title: "Recurrent networks offer a lot of flexibility",
                subtitles: ["The lecture's five shapes: x_t inputs, h_t hidden states, y_t outputs; under each, the lessons that run it"]),
            shapes: ArchitectureKind.lectureOrder.map { ShapePanel(kind: $0, lessons: lessons[$0] ?? [], compact: true) },
            compact: true
        ).render(format: format, scale: scale, page: page)
    }

    /// One shape: its boxes and arrows, its name, its example and its lessons.
    struct ShapePanel {
        let kind: ArchitectureKind
        let lessons: [String]
        /// Drawn small, five side by side on a slide.
        var compact = false
        var box: Double { compact ? 32 : 44 }
        var pitch: Double { compact ? 44 : 70 }
        var row: Double { compact ? 70 : 78 }

        var rows: Int { kind.shape.layers + 2 }
        var diagramWidth: Double { Double(kind.shape.steps - 1) * pitch + box }
        var diagramHeight: Double { Double(rows - 1) * row + box }
        var lessonLine: String {
            if kind == .oneToOne { return "no lesson: nothing recurs" }
            return lessons.isEmpty ? "no lesson yet" : "lesson: " + lessons.joined(separator: ", ")
        }

        /// Draws the boxes with their top left corner at (`left`, `top`).
        func draw(_ canvas: Canvas, left: Double, top: Double) {
            let theme = canvas.theme, shape = kind.shape, half = box / 2, pitch = pitch, rowPitch = row
            func center(_ step: Int, _ row: Int) -> (Double, Double) {
                (left + Double(step) * pitch + half, top + Double(rows - 1 - row) * rowPitch + half)
            }
            func drawBox(_ step: Int, _ row: Int, _ color: RGBColor, _ label: String) {
                let (x, y) = center(step, row)
                let r = Rect(x: x - half, y: y - half, width: box, height: box)
                canvas.fill(r, color.mixed(with: theme.background, 0.15), radius: 5)
                canvas.stroke(r, color.mixed(with: theme.text, 0.35), width: 1.5, radius: 5)
                canvas.text(label, x: x, y: y, size: 13, color: canvas.contrastingText(on: color.mixed(with: theme.background, 0.15)),
                            bold: true, align: .center, valign: .middle)
            }
            let encoderSteps = kind == .seq2seq ? shape.inputs : []
            for step in 0..<shape.steps {
                for layer in 1...shape.layers {
                    let (x, y) = center(step, layer)
                    if step + 1 < shape.steps { canvas.arrow(x + half, y, x + pitch - half - 1, y, theme.axis, width: 2) }
                    if layer > 1 || shape.inputs.contains(step) { canvas.arrow(x, y + rowPitch - half, x, y + half + 1, theme.axis, width: 2) }
                    let name = kind == .seq2seq && !encoderSteps.contains(step) ? "s" : "h"
                    drawBox(step, layer, theme.hidden, shape.layers > 1 ? "\(name)\(layer - 1)_\(step)" : "\(name)_\(step)")
                }
                if shape.inputs.contains(step) { drawBox(step, 0, theme.input, "x_\(step)") }
                if shape.outputs.contains(step) {
                    let (x, y) = center(step, shape.layers + 1)
                    canvas.arrow(x, y + rowPitch - half, x, y + half + 1, theme.axis, width: 2)
                    drawBox(step, shape.layers + 1, theme.output, "y_\(step)")
                }
            }
            if kind == .seq2seq {
                // Brackets under the encoder's and the decoder's steps.
                let y = top + diagramHeight + 8
                for (name, steps) in [("encoder", shape.inputs.sorted()), ("decoder", shape.outputs.sorted())] {
                    let (x0, _) = center(steps.first!, 0), (x1, _) = center(steps.last!, 0)
                    canvas.line(x0 - half, y, x1 + half, y, theme.secondaryText, width: 1.2)
                    canvas.text(name, x: (x0 + x1) / 2, y: y + 4, size: 12, color: theme.secondaryText, align: .center, valign: .top)
                }
            }
        }
    }

    struct Diagram: Figure {
        let header: Header
        let shapes: [ShapePanel]
        var compact = false
        static let legend = "input x_t   hidden state h_t   output y_t"
        static let captionSize: Double = 13
        static let lineHeight = captionSize + 5
        /// The narrowest panel, so that a one-box shape keeps room for its name.
        static let narrowest: Double = 76

        private var panelGap: Double { compact ? 22 : 50 }
        private var bracketHeight: Double { shapes.contains { $0.kind == .seq2seq } ? 30 : 0 }
        private func panelWidth(_ canvas: Canvas, _ shape: ShapePanel) -> Double {
            compact ? max(shape.diagramWidth, Self.narrowest) : max(shape.diagramWidth, canvas.textWidth(shape.lessonLine, size: Self.captionSize))
        }

        /// `text` broken into lines no wider than `width`: between its comma-separated parts, then words.
        private func lines(_ canvas: Canvas, _ text: String, width: Double, bold: Bool = false) -> [String] {
            guard compact else { return [text] }
            var lines: [String] = []
            for word in text.split(separator: " ").map(String.init) {
                if let last = lines.last, canvas.textWidth(last + " " + word, size: Self.captionSize, bold: bold) <= width {
                    lines[lines.count - 1] = last + " " + word
                } else {
                    lines.append(word)
                }
            }
            return lines
        }

        private func captionLines(_ canvas: Canvas) -> Int {
            compact ? shapes.map { lines(canvas, $0.kind.caption.title, width: panelWidth(canvas, $0), bold: true).count }.max() ?? 0 : 0
        }
        private func lessonLines(_ canvas: Canvas) -> Int {
            shapes.map { lines(canvas, $0.lessonLine, width: panelWidth(canvas, $0)).count }.max() ?? 1
        }

        func size(_ canvas: Canvas) throws -> Size {
            let diagrams = shapes.map { panelWidth(canvas, $0) }.reduce(0, +) + Double(shapes.count - 1) * panelGap
            let legend = canvas.textWidth(Self.legend, size: 12) + 90
            let height = (shapes.map(\.diagramHeight).max() ?? 0) + Double(captionLines(canvas)) * Self.lineHeight + 8
                + bracketHeight + 14 + Double(lessonLines(canvas)) * Self.lineHeight + 40
            let width = max(diagrams + (compact ? 0 : 60), legend, min(header.preferredWidth(canvas), PageSize.natural.room.width - 2 * Layout.margin))
            let wrapped = header.wrapped(canvas, width: width)
            return Size(width: width + 2 * Layout.margin, height: wrapped.height + height + 2 * Layout.margin)
        }

        func draw(_ canvas: Canvas, size: Size) throws {
            let theme = canvas.theme
            let header = header.wrapped(canvas, width: size.width - 2 * Layout.margin)
            header.draw(canvas, x: Layout.margin, y: Layout.margin, width: size.width - 2 * Layout.margin)
            let widths = shapes.map { panelWidth(canvas, $0) }
            let total = widths.reduce(0, +) + Double(shapes.count - 1) * panelGap
            var x = (size.width - total) / 2
            let captionHeight = Double(captionLines(canvas)) * Self.lineHeight + (compact ? 8 : 0)
            let top = Layout.margin + header.height + captionHeight
            let tallest = shapes.map(\.diagramHeight).max() ?? 0
            let lessonsY = top + tallest + bracketHeight + 14
            for (shape, width) in zip(shapes, widths) {
                let center = x + width / 2
                for (k, line) in lines(canvas, shape.kind.caption.title, width: width, bold: true).enumerated() where compact {
                    canvas.text(line, x: center, y: top - captionHeight + Double(k) * Self.lineHeight, size: Self.captionSize, bold: true,
                                align: .center, valign: .top)
                }
                shape.draw(canvas, left: center - shape.diagramWidth / 2, top: top + tallest - shape.diagramHeight)
                // The lessons under each shape.
                for (k, line) in lines(canvas, shape.lessonLine, width: width).enumerated() {
                    canvas.text(line, x: center, y: lessonsY + Double(k) * Self.lineHeight, size: Self.captionSize, color: theme.text,
                                align: .center, valign: .top)
                }
                x += width + panelGap
            }
            // Legend under the diagram.
            var lx = size.width / 2 - (canvas.textWidth(Self.legend, size: 12) + 54) / 2
            let y = lessonsY + Double(lessonLines(canvas)) * Self.lineHeight + 18
            for (name, color) in [("input x_t", theme.input), ("hidden state h_t", theme.hidden), ("output y_t", theme.output)] {
                canvas.fill(Rect(x: lx, y: y - 7, width: 14, height: 14), color, radius: 3)
                canvas.text(name, x: lx + 20, y: y, size: 12, color: theme.secondaryText, valign: .middle)
                lx += 20 + canvas.textWidth(name + "   ", size: 12) + 14
            }
        }
    }
}
