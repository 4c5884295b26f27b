import RNNTrace

/// A small text heatmap of a seq2seq answer's attention: the question's words as columns, the
/// answer's words as rows, each weight a shaded block (` ░▒▓█` from 0 to 1), and a legend.
enum AttentionText {
    /// What the blocks mean, under the heatmap.
    static let legend = "attention α (each row sums to 1):  blank < 0.2  ░ 0.2–0.4  ▒ 0.4–0.6  ▓ 0.6–0.8  █ ≥ 0.8"

    /// The heatmap's lines and its legend, or none when the trace has no attention rows.
    static func render(_ trace: LessonTrace, maximumColumnWidth: Int = 8) -> [String] {
        let rows = (trace.decoder ?? []).filter { $0.attention != nil }
        guard !rows.isEmpty else { return [] }
        let words = trace.steps.map(\.inputToken)
        let widths = words.map { min(max(DisplayWidth.of($0), 3), maximumColumnWidth) }
        let labelWidth = rows.map { DisplayWidth.of($0.outputToken) }.max() ?? 0
        var lines = [pad("", labelWidth) + " " + zip(words, widths).map { pad(clip($0, $1), $1) }.joined(separator: " ")]
        for row in rows {
            let cells = zip(row.attention!, widths).map { weight, width in String(repeating: shade(weight), count: width) }
            lines.append(pad(row.outputToken, labelWidth) + " " + cells.joined(separator: " "))
        }
        return lines + [legend]
    }

    /// The block for a weight in 0…1.
    static func shade(_ weight: Float) -> Character {
        let blocks: [Character] = [" ", "░", "▒", "▓", "█"]
        guard weight.isFinite else { return blocks[0] }
        return blocks[min(max(Int((weight * 5).rounded(.down)), 0), 4)]
    }

    /// `text` cut to `width` columns, with `…` when cut.
    private static func clip(_ text: String, _ width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var result = ""
        for character in text {
            if DisplayWidth.of(result) + DisplayWidth.of(character) > width - 1 { break }
            result.append(character)
        }
        return result + "…"
    }

    /// `text` padded with spaces to `width` columns.
    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(width - DisplayWidth.of(text), 0))
    }
}
