import CCairo
import Foundation

/// Horizontal placement of text relative to the given x.
enum HAlign { case left, center, right }
/// Vertical placement of text relative to the given y.
enum VAlign {
    /// y is the baseline.
    case baseline
    /// y is the middle of capital letters.
    case middle
    /// y is the top of capital letters.
    case top
    /// y is the bottom of descenders.
    case bottom
}

/// Shows tokens readably: a space as ␣, a newline as ↵, a tab as ⇥.
func displayToken(_ token: String) -> String {
    switch token {
    case " ": "␣"
    case "\n": "↵"
    case "\t": "⇥"
    case "": "∅"
    default: token.replacingOccurrences(of: "\n", with: "↵")
    }
}

extension Canvas {
    /// Selects the theme's font at `size` points.
    func setFont(size: Double, bold: Bool = false, italic: Bool = false) {
        cairo_select_font_face(cr, theme.fontFamily,
                               italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }

    /// The advance width of `text` at `size` points (measured before placing).
    func textWidth(_ text: String, size: Double, bold: Bool = false, italic: Bool = false) -> Double {
        setFont(size: size, bold: bold, italic: italic)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        return extents.x_advance
    }

    /// The widest of `texts` at `size` points.
    func maxTextWidth(_ texts: [String], size: Double, bold: Bool = false) -> Double {
        texts.reduce(0) { max($0, textWidth($1, size: size, bold: bold)) }
    }

    /// Draws `text` aligned at (x, y); `angle` in radians rotates about (x, y) (−π/2 reads upwards).
    func text(_ text: String, x: Double, y: Double, size: Double, color: RGBColor? = nil, bold: Bool = false,
              italic: Bool = false, align: HAlign = .left, valign: VAlign = .baseline, angle: Double = 0) {
        guard !text.isEmpty else { return }
        noteTextSize(size)
        let width = textWidth(text, size: size, bold: bold, italic: italic)
        let dx: Double = switch align { case .left: 0; case .center: -width / 2; case .right: -width }
        let dy: Double = switch valign {
        case .baseline: 0
        case .middle: 0.36 * size
        case .top: 0.76 * size
        case .bottom: -0.24 * size
        }
        cairo_save(cr)
        cairo_translate(cr, x, y)
        if angle != 0 { cairo_rotate(cr, angle) }
        cairo_move_to(cr, dx, dy)
        setColor(color ?? theme.text)
        cairo_show_text(cr, text)
        cairo_new_path(cr)
        cairo_restore(cr)
    }

    /// `text` made to fit `maxWidth`: first shrunk down to `minSize`, then elided with "…".
    func fit(_ text: String, maxWidth: Double, size: Double, minSize: Double? = nil, bold: Bool = false)
        -> (text: String, size: Double)
    {
        let width = textWidth(text, size: size, bold: bold)
        if width <= maxWidth { return (text, size) }
        let smallest = minSize ?? max(size * 0.8, min(size, 10))
        let shrunk = max(smallest, size * maxWidth / width)
        if textWidth(text, size: shrunk, bold: bold) <= maxWidth { return (text, shrunk) }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters) + "…"
            if textWidth(candidate, size: shrunk, bold: bold) <= maxWidth { return (candidate, shrunk) }
        }
        return ("", shrunk)
    }

    /// Draws `text` shrunk or elided to fit `maxWidth`.
    func fittedText(_ text: String, x: Double, y: Double, maxWidth: Double, size: Double, minSize: Double? = nil,
                    color: RGBColor? = nil, bold: Bool = false, align: HAlign = .left, valign: VAlign = .baseline) {
        let fitted = fit(text, maxWidth: maxWidth, size: size, minSize: minSize, bold: bold)
        self.text(fitted.text, x: x, y: y, size: fitted.size, color: color, bold: bold, align: align, valign: valign)
    }

    /// Dark text on light colours, white text on dark ones.
    func contrastingText(on color: RGBColor) -> RGBColor {
        color.luminance > 0.36 ? theme.text : RGBColor(hex: 0xFFFFFF)
    }
}
