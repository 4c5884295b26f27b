import RNNRender

/// The look of a piece of text: colours and attributes.
struct TextStyle: Equatable, Sendable {
    /// The text colour, or the terminal's default.
    var foreground: RGBColor?
    /// The background colour, or the terminal's default.
    var background: RGBColor?
    var bold = false
    var dim = false
    var reverse = false

    /// The terminal's default look.
    static let plain = TextStyle()
    static let bold = TextStyle(bold: true)
    static let dim = TextStyle(dim: true)
    /// Right answers.
    static let good = TextStyle(foreground: RGBColor(hex: 0x2EB82E), bold: true)
    /// Wrong answers.
    static let bad = TextStyle(foreground: RGBColor(hex: 0xE03C31), bold: true)
    /// The current step, marked in strips and tables.
    static let current = TextStyle(foreground: RGBColor(hex: 0x000000), background: RGBColor(hex: 0xFFD75F),
                                   bold: true)
    /// A highlighted label.
    static let accent = TextStyle(foreground: RGBColor(hex: 0x5FAFFF), bold: true)

    /// A cell filled with `color`, its text black or white, whichever reads better.
    static func cell(_ color: RGBColor) -> TextStyle {
        TextStyle(foreground: color.luminance > 0.3 ? RGBColor(0, 0, 0) : RGBColor(1, 1, 1), background: color)
    }

    /// The SGR escape selecting this style (after a reset), or "" when it is the default.
    func escape(_ mode: ColorMode) -> String {
        guard mode != .none else { return "" }
        var codes: [String] = []
        if bold { codes.append("1") }
        if dim { codes.append("2") }
        if mode.usesColor {
            if let foreground { codes.append("38;" + Self.color(foreground, mode)) }
            if let background { codes.append("48;" + Self.color(background, mode)) }
        }
        if reverse || (!mode.usesColor && background != nil && self == .current) { codes.append("7") }
        return codes.isEmpty ? "" : "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    private static func color(_ c: RGBColor, _ mode: ColorMode) -> String {
        let (r, g, b) = c.bytes
        if mode == .truecolor { return "2;\(r);\(g);\(b)" }
        return "5;\(palette256(r, g, b))"
    }

    /// The nearest entry of xterm's 256-colour palette (6×6×6 cube or grey ramp).
    static func palette256(_ r: Int, _ g: Int, _ b: Int) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearest(_ v: Int) -> Int { levels.indices.min { abs(levels[$0] - v) < abs(levels[$1] - v) }! }
        let (ri, gi, bi) = (nearest(r), nearest(g), nearest(b))
        let cube = 16 + 36 * ri + 6 * gi + bi
        let cubeError = [(levels[ri] - r), (levels[gi] - g), (levels[bi] - b)].reduce(0) { $0 + $1 * $1 }
        let grey = min(max((r + g + b) / 3 - 8, 0) / 10, 23)
        let greyLevel = 8 + grey * 10
        let greyError = [greyLevel - r, greyLevel - g, greyLevel - b].reduce(0) { $0 + $1 * $1 }
        return greyError < cubeError ? 232 + grey : cube
    }
}

/// One screen line built from styled pieces, measured in terminal columns.
struct StyledLine: Equatable, Sendable {
    /// The pieces, in order.
    var segments: [(text: String, style: TextStyle)] = []

    init() {}

    init(_ text: String, _ style: TextStyle = .plain) { append(text, style) }

    static func == (a: StyledLine, b: StyledLine) -> Bool {
        a.segments.count == b.segments.count && zip(a.segments, b.segments).allSatisfy { $0 == $1 }
    }

    /// Adds `text` in `style`.
    mutating func append(_ text: String, _ style: TextStyle = .plain) {
        guard !text.isEmpty else { return }
        segments.append((text, style))
    }

    /// Adds another line's pieces.
    mutating func append(_ other: StyledLine) { segments += other.segments }

    /// The unstyled text.
    var plain: String { segments.map(\.text).joined() }

    /// The columns the line takes.
    var width: Int { segments.reduce(0) { $0 + DisplayWidth.of($1.text) } }

    /// The line cut to at most `limit` columns, ending in "…" when something was cut.
    func truncated(to limit: Int) -> StyledLine {
        guard width > limit else { return self }
        guard limit > 0 else { return StyledLine() }
        var result = StyledLine()
        var used = 0
        let room = limit - 1
        outer: for segment in segments {
            var piece = ""
            for character in segment.text {
                let w = DisplayWidth.of(character)
                if used + w > room { result.append(piece, segment.style); break outer }
                piece.append(character)
                used += w
            }
            result.append(piece, segment.style)
        }
        result.append("…", .dim)
        return result
    }

    /// The line padded with spaces to `columns` (or cut to it).
    func padded(to columns: Int) -> StyledLine {
        var result = truncated(to: columns)
        let missing = columns - result.width
        if missing > 0 { result.append(String(repeating: " ", count: missing)) }
        return result
    }

    /// The line as terminal text: each piece in its style, reset after styled pieces.
    func rendered(_ mode: ColorMode) -> String {
        var text = ""
        for segment in segments {
            let escape = segment.style.escape(mode)
            text += escape.isEmpty ? segment.text : escape + segment.text + "\u{1B}[0m"
        }
        return text
    }
}
