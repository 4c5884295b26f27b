import CCairo
import Foundation

/// An owned `cairo_surface_t`; destroyed when the Swift object goes away.
final class CairoSurface {
    /// The raw handle, valid for the object's lifetime.
    let handle: OpaquePointer
    /// Pixel memory from `PixelMemoryPool`, handed back after the surface is destroyed.
    private var pooledPixels: PixelMemoryPool.Block?

    /// Takes ownership of `handle` and checks its status.
    init(taking handle: OpaquePointer?, _ operation: String) throws {
        guard let handle else { throw RenderError.cairo(operation: operation, status: "no surface") }
        self.handle = handle
        try RenderError.check(cairo_surface_status(handle), operation)
    }

    /// An ARGB32 image surface of `width`×`height` pixels.
    ///
    /// With `cleared` false the pixels may hold an earlier figure (large surfaces reuse pooled
    /// memory): only for callers that paint every pixel opaquely before anything else.
    static func image(width: Int, height: Int, cleared: Bool = true) throws -> CairoSurface {
        guard width > 0, height > 0, width <= 32_000, height <= 32_000 else {
            throw RenderError.invalidArgument("image size \(width)×\(height) pixels is out of range")
        }
        let operation = "create a \(width)×\(height) image surface"
        let stride = Int(cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, Int32(width)))
        guard stride > 0, stride * height >= PixelMemoryPool.minimumBytes else {
            return try CairoSurface(taking: cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)),
                                    operation)
        }
        let block = PixelMemoryPool.shared.take(stride * height)
        if cleared { block.pointer.initializeMemory(as: UInt8.self, repeating: 0, count: stride * height) }
        let handle = cairo_image_surface_create_for_data(
            block.pointer.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_ARGB32, Int32(width), Int32(height), Int32(stride))
        let surface: CairoSurface
        do {
            surface = try CairoSurface(taking: handle, operation)
        } catch {
            PixelMemoryPool.shared.giveBack(block)  // the failed surface was destroyed in deinit
            throw error
        }
        surface.pooledPixels = block
        return surface
    }

    /// Finishes the surface (flushes vector output) and checks the status.
    func finish() throws {
        cairo_surface_finish(handle)
        try RenderError.check(cairo_surface_status(handle), "finish the surface")
    }

    deinit {
        // Pooled memory goes back only when this was the last reference to the surface.
        let last = cairo_surface_get_reference_count(handle) == 1
        cairo_surface_destroy(handle)
        if last, let pooledPixels { PixelMemoryPool.shared.giveBack(pooledPixels) }
    }
}
