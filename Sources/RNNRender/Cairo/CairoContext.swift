import CCairo

/// An owned `cairo_t` drawing into a `CairoSurface` (kept alive while the context lives).
final class CairoContext {
    /// The raw handle, valid for the object's lifetime.
    let handle: OpaquePointer
    /// The surface drawn on.
    let surface: CairoSurface

    /// Creates a context on `surface`.
    init(surface: CairoSurface) throws {
        guard let handle = cairo_create(surface.handle) else {
            throw RenderError.cairo(operation: "create a drawing context", status: "no context")
        }
        self.handle = handle
        self.surface = surface
        try RenderError.check(cairo_status(handle), "create a drawing context")
    }

    /// Throws when drawing put the context into an error state.
    func checkStatus(_ operation: String) throws {
        try RenderError.check(cairo_status(handle), operation)
    }

    deinit { cairo_destroy(handle) }
}
