import CCairo

/// An owned `cairo_surface_t`; destroyed when the Swift object goes away.
final class CairoSurface {
    /// The raw handle, valid for the object's lifetime.
    let handle: OpaquePointer

    /// Takes ownership of `handle` and checks its status.
    init(taking handle: OpaquePointer?, _ operation: String) throws {
        guard let handle else { throw RenderError.cairo(operation: operation, status: "no surface") }
        self.handle = handle
        try RenderError.check(cairo_surface_status(handle), operation)
    }

    /// An ARGB32 image surface of `width`×`height` pixels.
    static func image(width: Int, height: Int) throws -> CairoSurface {
        guard width > 0, height > 0, width <= 32_000, height <= 32_000 else {
            throw RenderError.invalidArgument("image size \(width)×\(height) pixels is out of range")
        }
        return try CairoSurface(taking: cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)),
                                "create a \(width)×\(height) image surface")
    }

    /// Finishes the surface (flushes vector output) and checks the status.
    func finish() throws {
        cairo_surface_finish(handle)
        try RenderError.check(cairo_surface_status(handle), "finish the surface")
    }

    deinit { cairo_surface_destroy(handle) }
}
