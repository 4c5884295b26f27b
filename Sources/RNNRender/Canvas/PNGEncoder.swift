import CCairo

/// Writes an opaque Cairo image surface as an 8-bit RGB PNG.
///
/// Cairo's own writer lets libpng try every row filter at its default compression, which made
/// PNG encoding most of the time of a figure. Figures are large flat areas: the "up" filter
/// turns repeated rows into zeros and zlib's fastest level then compresses them well, in a
/// fraction of the time. The bytes depend only on the pixels (and zlib's version).
enum PNGEncoder {
    /// zlib's compression level: 1 is its fastest.
    static let compressionLevel: Int32 = 1

    /// The PNG file of `surface`, an image surface whose pixels are all opaque.
    static func encode(_ surface: CairoSurface) throws -> [UInt8] {
        let handle = surface.handle
        cairo_surface_flush(handle)
        let width = Int(cairo_image_surface_get_width(handle)), height = Int(cairo_image_surface_get_height(handle))
        let stride = Int(cairo_image_surface_get_stride(handle))
        guard width > 0, height > 0, let data = cairo_image_surface_get_data(handle) else {
            throw RenderError.cairo(operation: "encode PNG", status: "no image data")
        }
        let rowBytes = 1 + 3 * width
        var filtered = [UInt8](repeating: 0, count: height * rowBytes)
        filtered.withUnsafeMutableBufferPointer { rows in
            for y in 0..<height {
                let out = rows.baseAddress! + y * rowBytes
                out[0] = y == 0 ? 0 : 2  // no filter for the first row, "up" below it
                for x in 0..<width {
                    let pixel = rgb(data, stride: stride, x: x, y: y)
                    let above = y == 0 ? (0, 0, 0) : rgb(data, stride: stride, x: x, y: y - 1)
                    out[1 + 3 * x] = pixel.0 &- above.0
                    out[2 + 3 * x] = pixel.1 &- above.1
                    out[3 + 3 * x] = pixel.2 &- above.2
                }
            }
        }
        let compressed = try deflate(filtered)

        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits per sample, RGB, deflate, adaptive filtering, no interlace
        appendChunk("IHDR", header, to: &file)
        appendChunk("IDAT", compressed, to: &file)
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// `bytes` as a zlib stream at `compressionLevel`.
    private static func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        var status = deflateInit2_(
            &stream, compressionLevel, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw RenderError.cairo(operation: "compress PNG", status: "zlib error \(status)") }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        let written: Int = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                status = CCairo.deflate(&stream, Z_FINISH)
                return out.count - Int(stream.avail_out)
            }
        }
        guard status == Z_STREAM_END else { throw RenderError.cairo(operation: "compress PNG", status: "zlib error \(status)") }
        output.removeSubrange(written...)
        return output
    }

    /// The red, green and blue bytes of a pixel of an ARGB32 surface (native-endian words).
    @inline(__always)
    private static func rgb(_ data: UnsafeMutablePointer<UInt8>, stride: Int, x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        let word = UnsafeRawPointer(data + y * stride + 4 * x).loadUnaligned(as: UInt32.self)
        return (UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    private static func appendChunk(_ type: String, _ body: [UInt8], to file: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        file += bigEndian(UInt32(body.count))
        let checked = typeBytes + body
        file += checked
        let crc = checked.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        file += bigEndian(UInt32(crc))
    }
}
