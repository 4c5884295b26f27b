import CCairo

/// A decoded PNG: size and premultiplied ARGB32 pixels, row by row.
public struct DecodedImage: Sendable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// One `0xAARRGGBB` value per pixel, rows top to bottom.
    public var pixels: [UInt32]

    /// The pixel at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> UInt32 { pixels[y * width + x] }

    /// The red, green and blue components (0…255) of the pixel at (`x`, `y`).
    public func rgb(_ x: Int, _ y: Int) -> (r: Int, g: Int, b: Int) {
        let p = self[x, y]
        return (Int((p >> 16) & 0xFF), Int((p >> 8) & 0xFF), Int(p & 0xFF))
    }
}

/// Decodes PNG bytes through Cairo (used by tests to check what was drawn).
public enum PNGDecoder {
    /// Decodes `bytes` into pixels.
    public static func decode(_ bytes: [UInt8]) throws -> DecodedImage {
        let source = ByteSource(bytes)
        let closure = Unmanaged.passUnretained(source).toOpaque()
        let surface = try withExtendedLifetime(source) {
            try CairoSurface(taking: cairo_image_surface_create_from_png_stream(ByteSource.read, closure), "decode PNG")
        }
        cairo_surface_flush(surface.handle)
        let width = Int(cairo_image_surface_get_width(surface.handle))
        let height = Int(cairo_image_surface_get_height(surface.handle))
        let stride = Int(cairo_image_surface_get_stride(surface.handle))
        guard let data = cairo_image_surface_get_data(surface.handle) else {
            throw RenderError.decodeFailed("no pixel data")
        }
        var pixels = [UInt32](repeating: 0, count: width * height)
        let format = cairo_image_surface_get_format(surface.handle)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride)
            for x in 0..<width {
                var value = row.loadUnaligned(fromByteOffset: x * 4, as: UInt32.self)
                if format == CAIRO_FORMAT_RGB24 { value |= 0xFF00_0000 }
                pixels[y * width + x] = value
            }
        }
        return DecodedImage(width: width, height: height, pixels: pixels)
    }
}
