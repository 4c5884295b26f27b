import Foundation
import RNNTrace

/// `rnnlab worksheet`: one step worked by hand on one page — the forward pass with the weights'
/// products, the output and the loss, one step of backpropagation through time and a weight's
/// gradient checked by finite differences — its tables flowed into columns, the numbers the
/// trace holds in bold.
struct WorksheetFigure: Figure {
    let step: WorkedStep
    let room: Size
    let header: Header

    init(step: WorkedStep, room: Size) {
        self.step = step
        self.room = room
        let input = step.input.joined(separator: step.input.contains { $0.count > 1 } ? " " : "")
        let key = "Bold: the network's own numbers (its trace); grey: computed from them and the weights. "
            + "The loss L_t is step \(step.t)'s alone."
        let model = "\(step.model.caption)" + (step.layer > 0 ? " (layer \(step.layer), which the output reads)" : "")
        header = Header(title: "Step t = \(step.t) of “\(input)”, worked by hand",
                        subtitles: [key, "\(step.lesson.title) — \(step.lesson.name) · \(model)"])
    }

    /// The tables with `units` unit columns, in columns of the page no taller than `height`.
    private func columns(_ canvas: Canvas, units: Int, height: Double) -> [[WorkedTable]] {
        var columns: [[WorkedTable]] = [[]]
        var used = 0.0
        for block in step.blocks {
            let table = WorkedTable(block: block, units: units)
            let h = table.size(canvas).height
            if used + h > height, !(columns.last?.isEmpty ?? true) {
                columns.append([])
                used = 0
            }
            columns[columns.count - 1].append(table)
            used += h
        }
        return columns
    }

    private func width(_ canvas: Canvas, _ columns: [[WorkedTable]]) -> Double {
        columns.map { column in column.map { $0.size(canvas).width }.max() ?? 0 }.reduce(0, +) + Double(columns.count - 1) * Layout.gap
    }

    /// The layout: the most unit columns (up to the six worked) whose tables fit the room.
    private func layout(_ canvas: Canvas) -> (header: Header, columns: [[WorkedTable]], width: Double) {
        let inner = Size(width: room.width - 2 * Layout.margin, height: room.height - 2 * Layout.margin)
        let header = header.wrapped(canvas, width: inner.width)
        let height = inner.height - header.height
        let most = step.blocks.filter(\.columnsAreUnits).map(\.columns.count).max() ?? 1
        var chosen = columns(canvas, units: 1, height: height)
        for units in stride(from: most, through: 1, by: -1) {
            let candidate = columns(canvas, units: units, height: height)
            if width(canvas, candidate) <= inner.width { chosen = candidate; break }
        }
        return (header, chosen, max(width(canvas, chosen), min(header.preferredWidth(canvas), inner.width)))
    }

    func size(_ canvas: Canvas) throws -> Size {
        let (header, columns, width) = layout(canvas)
        let tallest = columns.map { $0.map { $0.size(canvas).height }.reduce(0, +) }.max() ?? 0
        return Size(width: width + 2 * Layout.margin, height: header.height + tallest + 2 * Layout.margin)
    }

    func draw(_ canvas: Canvas, size: Size) throws {
        let (header, columns, width) = layout(canvas)
        header.draw(canvas, x: Layout.margin, y: Layout.margin, width: width)
        var x = Layout.margin
        for column in columns {
            var y = Layout.margin + header.height
            for table in column {
                table.draw(canvas, x: x, y: y)
                y += table.size(canvas).height
            }
            x += (column.map { $0.size(canvas).width }.max() ?? 0) + Layout.gap
        }
    }
}

/// Draws worksheets.
public enum Worksheet {
    /// The worksheet of `step` on `page` (PDF or PNG bytes; `natural` is drawn on 16:9).
    public static func render(_ step: WorkedStep, format: OutputFormat, page: PageSize = .widescreen, scale: Double = 2) throws -> [UInt8] {
        let page = page == .natural ? .widescreen : page
        return try WorksheetFigure(step: step, room: page.room).render(format: format, scale: scale, page: page)
    }
}
