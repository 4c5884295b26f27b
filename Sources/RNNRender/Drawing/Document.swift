import CCairo

/// Draws one figure into PNG, SVG or PDF bytes through a single drawing code path.
enum Document {
    /// The fixed date written into PDF metadata, so the same figure gives the same bytes.
    static let pdfDate = "2024-01-01T00:00:00Z"

    /// Draws a figure of logical size `width`×`height` points and returns the file's bytes.
    ///
    /// PNG output has `scale` pixels per point (rounded up to whole pixels); SVG and PDF are
    /// sized in points and ignore `scale`. `draw` receives a canvas in points with the theme's
    /// background already painted.
    static func render(
        width: Double, height: Double, format: OutputFormat, scale: Double = 2, theme: Theme = .light,
        draw: (Canvas) throws -> Void
    ) throws -> [UInt8] {
        guard width.isFinite, height.isFinite, width >= 1, height >= 1 else {
            throw RenderError.invalidArgument("figure size \(width)×\(height) points")
        }
        guard scale.isFinite, scale > 0, scale <= 16 else {
            throw RenderError.invalidArgument("scale \(scale) (allowed: above 0, at most 16)")
        }
        let sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let surface: CairoSurface
        switch format {
        case .png:
            // The background below covers every pixel fully when the size is whole pixels, so
            // pooled pixel memory need not be cleared first.
            let pixelWidth = (width * scale).rounded(.up), pixelHeight = (height * scale).rounded(.up)
            let covered = pixelWidth == width * scale && pixelHeight == height * scale && theme.background.alpha == 1
            surface = try .image(width: Int(pixelWidth), height: Int(pixelHeight), cleared: !covered)
        case .svg:
            surface = try CairoSurface(
                taking: cairo_svg_surface_create_for_stream(ByteSink.write, closure, width, height),
                "create an SVG surface")
            cairo_svg_surface_restrict_to_version(surface.handle, CAIRO_SVG_VERSION_1_1)
        case .pdf:
            surface = try CairoSurface(
                taking: cairo_pdf_surface_create_for_stream(ByteSink.write, closure, width, height),
                "create a PDF surface")
            cairo_pdf_surface_set_metadata(surface.handle, CAIRO_PDF_METADATA_CREATE_DATE, pdfDate)
            cairo_pdf_surface_set_metadata(surface.handle, CAIRO_PDF_METADATA_MOD_DATE, pdfDate)
            cairo_pdf_surface_set_metadata(surface.handle, CAIRO_PDF_METADATA_CREATOR, "RNNLab")
        }
        try withExtendedLifetime(sink) {
            do {
                let context = try CairoContext(surface: surface)
                if format == .png { cairo_scale(context.handle, scale, scale) }
                let canvas = Canvas(context: context, theme: theme)
                canvas.fill(Rect(x: 0, y: 0, width: width, height: height), theme.background)
                try draw(canvas)
                try context.checkStatus("draw the figure")
            }
            if format == .png { sink.bytes = try PNGEncoder.encode(surface) }
            try surface.finish()
        }
        guard !sink.bytes.isEmpty else { throw RenderError.cairo(operation: "write \(format.rawValue)", status: "no bytes") }
        return format == .svg ? stableSurfaceID(sink.bytes) : sink.bytes
    }

    /// Draws a figure of `width`×`height` points at `scale` pixels per point into pixels, as
    /// `render` draws a PNG (the same pixels the PNG holds).
    static func pixels(width: Double, height: Double, scale: Double, theme: Theme = .light,
                       draw: (Canvas) throws -> Void) throws -> DecodedImage {
        let pixelWidth = Int((width * scale).rounded(.up)), pixelHeight = Int((height * scale).rounded(.up))
        let surface = try CairoSurface.image(width: pixelWidth, height: pixelHeight)
        do {
            let context = try CairoContext(surface: surface)
            cairo_scale(context.handle, scale, scale)
            let canvas = Canvas(context: context, theme: theme)
            canvas.fill(Rect(x: 0, y: 0, width: width, height: height), theme.background)
            try draw(canvas)
            try context.checkStatus("draw the figure")
        }
        cairo_surface_flush(surface.handle)
        guard let data = cairo_image_surface_get_data(surface.handle) else { throw RenderError.cairo(operation: "read pixels", status: "no data") }
        let stride = Int(cairo_image_surface_get_stride(surface.handle))
        var pixels = [UInt32](repeating: 0, count: pixelWidth * pixelHeight)
        pixels.withUnsafeMutableBytes { target in
            for row in 0..<pixelHeight {
                (target.baseAddress! + row * pixelWidth * 4).copyMemory(from: data + row * stride, byteCount: pixelWidth * 4)
            }
        }
        return DecodedImage(width: pixelWidth, height: pixelHeight, pixels: pixels)
    }

    /// Cairo names the SVG page group after a process-wide surface counter (`<g id="surface8">`);
    /// renaming it to `surface1` makes the same figure give the same bytes within one process too.
    static func stableSurfaceID(_ bytes: [UInt8]) -> [UInt8] {
        let marker = Array("<g id=\"surface".utf8)
        guard let start = bytes.indices.first(where: { bytes[$0...].starts(with: marker) }) else { return bytes }
        var end = start + marker.count
        while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
        return Array(bytes[..<(start + marker.count)]) + Array("1".utf8) + Array(bytes[end...])
    }

    /// A canvas on a 1×1 image, for measuring text before a figure's size is known.
    static func measuringCanvas(theme: Theme = .light) throws -> Canvas {
        Canvas(context: try CairoContext(surface: try .image(width: 1, height: 1)), theme: theme)
    }
}
