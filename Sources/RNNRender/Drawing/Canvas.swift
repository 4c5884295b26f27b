import CCairo
import Foundation

/// Drawing in points on one Cairo context: shapes and lines. Text is in `Canvas+Text.swift`.
final class Canvas {
    /// The context drawn on.
    let context: CairoContext
    /// Colours and font.
    let theme: Theme
    var cr: OpaquePointer { context.handle }
    /// The smallest text drawn so far, in device units (pixels of a PNG): how small the figure's
    /// text is on the page.
    private(set) var smallestText = Double.infinity

    init(context: CairoContext, theme: Theme) {
        self.context = context
        self.theme = theme
    }

    /// Runs `body` with drawing moved to (`x`, `y`) and scaled by `scale`, then restores the transform.
    func transformed(x: Double, y: Double, scale: Double, _ body: () throws -> Void) rethrows {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        cairo_translate(cr, x, y)
        cairo_scale(cr, scale, scale)
        try body()
    }

    /// Records text of `size` points drawn under the current transform.
    func noteTextSize(_ size: Double) {
        var matrix = cairo_matrix_t()
        cairo_get_matrix(cr, &matrix)
        let pixels = size * abs(matrix.xx * matrix.yy - matrix.xy * matrix.yx).squareRoot()
        smallestText = min(smallestText, pixels)
    }

    func setColor(_ color: RGBColor) { cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha) }

    private func setStroke(_ color: RGBColor, _ width: Double, dashed: Bool) {
        setColor(color)
        cairo_set_line_width(cr, width)
        if dashed {
            theme.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        } else {
            cairo_set_dash(cr, nil, 0, 0)
        }
    }

    private func roundedPath(_ r: Rect, radius: Double) {
        let rad = min(radius, r.width / 2, r.height / 2)
        guard rad > 0 else { cairo_rectangle(cr, r.x, r.y, r.width, r.height); return }
        cairo_new_sub_path(cr)
        cairo_arc(cr, r.maxX - rad, r.minY + rad, rad, -Double.pi / 2, 0)
        cairo_arc(cr, r.maxX - rad, r.maxY - rad, rad, 0, Double.pi / 2)
        cairo_arc(cr, r.minX + rad, r.maxY - rad, rad, Double.pi / 2, Double.pi)
        cairo_arc(cr, r.minX + rad, r.minY + rad, rad, Double.pi, 3 * Double.pi / 2)
        cairo_close_path(cr)
    }

    /// Fills `rect` (optionally with rounded corners).
    func fill(_ rect: Rect, _ color: RGBColor, radius: Double = 0) {
        roundedPath(rect, radius: radius)
        setColor(color)
        cairo_fill(cr)
    }

    /// Strokes the outline of `rect` (optionally rounded, optionally dashed).
    func stroke(_ rect: Rect, _ color: RGBColor, width: Double = 1, radius: Double = 0, dashed: Bool = false) {
        roundedPath(rect, radius: radius)
        setStroke(color, width, dashed: dashed)
        cairo_stroke(cr)
    }

    /// A straight line.
    func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ color: RGBColor, width: Double = 1,
              dashed: Bool = false) {
        polyline([(x1, y1), (x2, y2)], color, width: width, dashed: dashed)
    }

    /// A line through `points`.
    func polyline(_ points: [(Double, Double)], _ color: RGBColor, width: Double = 1.5, dashed: Bool = false) {
        guard let first = points.first else { return }
        cairo_move_to(cr, first.0, first.1)
        for p in points.dropFirst() { cairo_line_to(cr, p.0, p.1) }
        setStroke(color, width, dashed: dashed)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        cairo_stroke(cr)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
    }

    /// A filled polygon through `points`, closed back to the first.
    func fillPolygon(_ points: [(Double, Double)], _ color: RGBColor) {
        guard let first = points.first, points.count >= 3 else { return }
        cairo_move_to(cr, first.0, first.1)
        for p in points.dropFirst() { cairo_line_to(cr, p.0, p.1) }
        cairo_close_path(cr)
        setColor(color)
        cairo_fill(cr)
    }

    /// A filled circle, optionally with an outline.
    func circle(_ x: Double, _ y: Double, radius: Double, fill: RGBColor?, stroke: RGBColor? = nil, width: Double = 1) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, x, y, radius, 0, 2 * Double.pi)
        if let fill { setColor(fill); stroke == nil ? cairo_fill(cr) : cairo_fill_preserve(cr) }
        if let stroke { setStroke(stroke, width, dashed: false); cairo_stroke(cr) }
        cairo_new_path(cr)
    }

    /// An arrow from (x1, y1) to (x2, y2) with a filled head at the end.
    func arrow(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ color: RGBColor, width: Double = 1.5,
               head: Double = 7) {
        let angle = atan2(y2 - y1, x2 - x1)
        let bx = x2 - cos(angle) * head * 0.9, by = y2 - sin(angle) * head * 0.9
        line(x1, y1, bx, by, color, width: width)
        cairo_move_to(cr, x2, y2)
        cairo_line_to(cr, x2 - cos(angle - 0.4) * head, y2 - sin(angle - 0.4) * head)
        cairo_line_to(cr, x2 - cos(angle + 0.4) * head, y2 - sin(angle + 0.4) * head)
        cairo_close_path(cr)
        setColor(color)
        cairo_fill(cr)
    }

    /// Fills `rect` with a linear gradient through `stops` (offset 0…1, colour) from `start` to `end`.
    func fillGradient(_ rect: Rect, stops: [(Double, RGBColor)], from start: (Double, Double),
                      to end: (Double, Double)) throws {
        guard let pattern = cairo_pattern_create_linear(start.0, start.1, end.0, end.1) else {
            throw RenderError.cairo(operation: "create a gradient", status: "no pattern")
        }
        defer { cairo_pattern_destroy(pattern) }
        try RenderError.check(cairo_pattern_status(pattern), "create a gradient")
        for (offset, c) in stops {
            cairo_pattern_add_color_stop_rgba(pattern, offset, c.red, c.green, c.blue, c.alpha)
        }
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_set_source(cr, pattern)
        cairo_fill(cr)
    }
}
