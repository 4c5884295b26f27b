import Foundation
import RNNTrace

/// `inspect` for a terminal: hidden states (per layer), cell states and gates for every step,
/// as aligned tables — a row per unit, a column per step labelled by its input token, each cell
/// the value on its colour.
///
/// When a width is given and the steps do not fit, the columns are split into consecutive
/// blocks of steps, each with its own header.
enum InspectTable {
    /// The table as text lines (escapes only when `colorMode` has colour).
    static func render(_ trace: LessonTrace, width: Int? = nil, colorMode: ColorMode = .none) -> String {
        let quantities = InspectQuantities(trace)
        let tokens = trace.steps.map { TraceDisplay.token($0.inputToken) }
        let labelWidth = 10
        let cellWidth = 7
        let perBlock = max(((width ?? Int.max / 2) - labelWidth) / cellWidth, 1)
        var lines = [StyledLine(trace.lesson.title, .bold), StyledLine(trace.model.caption, .dim)]
        let layered = quantities.series.contains { $0.layer > 0 }
        for chunkStart in stride(from: 0, to: max(tokens.count, 1), by: perBlock) {
            let columns = chunkStart..<min(chunkStart + perBlock, tokens.count)
            if columns.count < tokens.count {
                lines.append(StyledLine())
                lines.append(StyledLine("steps \(columns.lowerBound)…\(columns.upperBound - 1)", .accent))
            }
            for series in quantities.series {
                lines.append(StyledLine())
                let layer = layered ? "layer \(series.layer) · " : ""
                lines.append(StyledLine(layer + InspectQuantities.title(series.name, cell: trace.model.cell), .bold))
                var header = StyledLine("t".padded(labelWidth), .dim)
                for t in columns { header.append(" " + "\(t) \(tokens[t])".padded(cellWidth - 1), .dim) }
                lines.append(header)
                let scale = InspectQuantities.scale(series.name, values: series.values)
                let units = series.values.map(\.count).max() ?? 0
                for unit in 0..<units {
                    var line = StyledLine("\(series.name)[\(unit)]".padded(labelWidth))
                    for t in columns {
                        guard unit < series.values[t].count else { line.append("".padded(cellWidth)); continue }
                        let value = series.values[t][unit]
                        line.append(" " + TraceDisplay.short(value).leftPadded(5), .cell(scale.color(value)))
                        line.append(" ")
                    }
                    lines.append(line)
                }
            }
            if let flow = trace.gradientFlow {
                lines.append(StyledLine())
                lines.append(StyledLine("‖∂L_T/∂h_t‖ · the loss of step T = \(flow.outputStep) carried back", .bold))
                for k in flow.trained.indices {
                    var line = StyledLine((layered ? "layer \(k)" : "h").padded(labelWidth))
                    for t in columns {
                        let value = flow.trainedNorm(layer: k, t: t).map { String(format: "%.0e", Double($0)) } ?? ""
                        line.append(" " + value.leftPadded(cellWidth - 1))
                    }
                    lines.append(line)
                }
            }
        }
        return lines.map { line in (width.map { line.truncated(to: $0) } ?? line).rendered(colorMode) }
            .joined(separator: "\n") + "\n"
    }
}
