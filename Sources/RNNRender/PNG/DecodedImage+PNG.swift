import CCairo

extension DecodedImage {
    /// The image as PNG bytes (opaque pixels), as figures are written.
    public func png() throws -> [UInt8] {
        let surface = try CairoSurface.image(width: width, height: height)
        cairo_surface_flush(surface.handle)
        guard let data = cairo_image_surface_get_data(surface.handle) else {
            throw RenderError.cairo(operation: "encode PNG", status: "no image data")
        }
        let stride = Int(cairo_image_surface_get_stride(surface.handle))
        pixels.withUnsafeBytes { source in
            for row in 0..<height {
                (data + row * stride).withMemoryRebound(to: UInt8.self, capacity: width * 4) { target in
                    UnsafeMutableRawPointer(target).copyMemory(from: source.baseAddress! + row * width * 4, byteCount: width * 4)
                }
            }
        }
        cairo_surface_mark_dirty(surface.handle)
        return try PNGEncoder.encode(surface)
    }
}
