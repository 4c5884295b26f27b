import RNNRender

/// The most likely next tokens as horizontal bars with their probabilities.
struct ProbabilityBars {
    /// Tokens with their probabilities, most likely first.
    var entries: [(token: String, p: Float)]
    /// The target token, marked in the list when it appears.
    var target: String?
    /// The heading ("next token").
    var title = "next token"

    /// The narrowest width the panel reads well in.
    var minimumWidth: Int {
        let tokenWidth = min(max(entries.map { DisplayWidth.of(TraceDisplay.token($0.token)) }.max() ?? 1, 1), 14)
        return tokenWidth + 8 + 10 + (target == nil ? 0 : 9)
    }

    /// The panel in `width` columns: a heading, then one line per token.
    func lines(width: Int) -> [StyledLine] {
        let tokens = entries.map { TraceDisplay.token($0.token) }
        let tokenWidth = min(max(tokens.map(DisplayWidth.of).max() ?? 1, 1), 14)
        let markWidth = target == nil ? 0 : 9
        let barWidth = max(min(width - tokenWidth - 8 - markWidth, 20), 4)
        var lines = [StyledLine("\(title)  p", .bold).truncated(to: width)]
        for (index, entry) in entries.enumerated() {
            var line = StyledLine(" ")
            let isTarget = entry.token == target
            line.append(tokens[index].padded(tokenWidth), isTarget ? .good : .bold)
            line.append(" ")
            let bar = TextStyle(foreground: ColorMap.blues.color(at: 0.45 + 0.55 * Double(entry.p)))
            line.append(BlockGlyph.horizontal(Double(entry.p), width: barWidth), bar)
            line.append(" " + TraceDisplay.short(entry.p))
            if isTarget { line.append(" ← target", .good) }
            lines.append(line.truncated(to: width))
        }
        return lines
    }

    /// The panel with every token and probability replaced by "?" — for predict-then-reveal.
    static func hidden(count: Int, width: Int, title: String = "next token") -> [StyledLine] {
        var lines = [StyledLine("\(title)  p", .bold).truncated(to: width)]
        for _ in 0..<count { lines.append(StyledLine(" ?  " + String(repeating: "░", count: 10) + " ?.??", .dim).truncated(to: width)) }
        lines.append(StyledLine(" press r to reveal", .accent).truncated(to: width))
        return lines
    }
}
