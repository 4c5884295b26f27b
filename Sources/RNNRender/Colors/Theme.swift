/// Named colours and font settings shared by every figure.
public struct Theme: Sendable {
    /// The page colour.
    public var background: RGBColor
    /// Titles, labels, numbers.
    public var text: RGBColor
    /// Subtitles, axis ticks, notes.
    public var secondaryText: RGBColor
    /// Grid lines and frames.
    public var grid: RGBColor
    /// Axes and arrows.
    public var axis: RGBColor
    /// A right prediction (Okabe–Ito bluish green; figures also mark it ✓ and with a solid border).
    public var right: RGBColor
    /// A wrong prediction (Okabe–Ito vermillion; figures also mark it ✗ and with a dashed border),
    /// told from `right` in deuteranopia and protanopia too.
    public var wrong: RGBColor
    /// Series colours, in order (colour-blind-safe Okabe–Ito).
    public var accents: [RGBColor]
    /// Input layer boxes (the lecture's red).
    public var input: RGBColor
    /// Hidden layer boxes (the lecture's green).
    public var hidden: RGBColor
    /// Output layer boxes (the lecture's blue).
    public var output: RGBColor
    /// Dash lengths for dashed lines, in points.
    public var dash: [Double]
    /// The font family for all text.
    public var fontFamily: String

    /// The print-friendly default: white page, dark text, muted grid.
    public static let light = Theme(
        background: RGBColor(hex: 0xFFFFFF), text: RGBColor(hex: 0x1A1A1A), secondaryText: RGBColor(hex: 0x5F6368),
        grid: RGBColor(hex: 0xDADCE0), axis: RGBColor(hex: 0x3C4043), right: RGBColor(hex: 0x009E73),
        wrong: RGBColor(hex: 0xD55E00),
        accents: [RGBColor(hex: 0x0072B2), RGBColor(hex: 0xE69F00), RGBColor(hex: 0x009E73), RGBColor(hex: 0xCC79A7),
                  RGBColor(hex: 0x56B4E9), RGBColor(hex: 0xD55E00)],
        input: RGBColor(hex: 0xE06666), hidden: RGBColor(hex: 0x6AA84F), output: RGBColor(hex: 0x3D85C6),
        dash: [6, 4], fontFamily: "DejaVu Sans")

    /// The mark written beside a right (✓) or wrong (✗) prediction, so that shape tells them apart too.
    public static func mark(right: Bool) -> String { right ? "✓" : "✗" }

    /// The `index`-th series colour (cycling).
    public func accent(_ index: Int) -> RGBColor { accents[index % accents.count] }
}
