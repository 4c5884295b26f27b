import RNNRender

/// The key to the colours of the vector cells.
enum ColorLegend {
    /// One line explaining the colours: the diverging scale for tanh values and the sequential
    /// one for gates (with colour), or the bar glyphs (without).
    static func line(colorMode: ColorMode, gates: Bool) -> StyledLine {
        guard colorMode.usesColor else { return StyledLine("blocks: ▁ low … █ high (values when they fit)", .dim) }
        var line = StyledLine("colour  ", .dim)
        line.append("−1 ", .dim)
        for v: Float in [-1, -0.5, 0, 0.5, 1] { line.append("  ", .cell(ValueScale.signed.color(v))) }
        line.append(" +1  h, c, candidate", .dim)
        if gates {
            line.append("     0 ", .dim)
            for v: Float in [0, 0.25, 0.5, 0.75, 1] { line.append("  ", .cell(ValueScale.unit.color(v))) }
            line.append(" 1  gates, attention", .dim)
        }
        return line
    }
}
