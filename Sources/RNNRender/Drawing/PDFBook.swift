import CCairo

/// A PDF of several pages of one size, each drawn by its own closure; fixed dates, so that the
/// same pages give the same bytes.
enum PDFBook {
    /// The PDF of `pages` on paper of `width`×`height` points.
    static func render(width: Double, height: Double, theme: Theme = .light, pages: [(Canvas) throws -> Void]) throws -> [UInt8] {
        guard !pages.isEmpty else { throw RenderError.invalidArgument("a PDF needs at least one page") }
        let sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        try withExtendedLifetime(sink) {
            let surface = try CairoSurface(
                taking: cairo_pdf_surface_create_for_stream(ByteSink.write, closure, width, height), "create a PDF surface")
            cairo_pdf_surface_set_metadata(surface.handle, CAIRO_PDF_METADATA_CREATE_DATE, Document.pdfDate)
            cairo_pdf_surface_set_metadata(surface.handle, CAIRO_PDF_METADATA_MOD_DATE, Document.pdfDate)
            cairo_pdf_surface_set_metadata(surface.handle, CAIRO_PDF_METADATA_CREATOR, "RNNLab")
            let context = try CairoContext(surface: surface)
            let canvas = Canvas(context: context, theme: theme)
            for draw in pages {
                canvas.fill(Rect(x: 0, y: 0, width: width, height: height), theme.background)
                try draw(canvas)
                cairo_show_page(context.handle)
                try context.checkStatus("draw a page")
            }
            try surface.finish()
        }
        return sink.bytes
    }
}
