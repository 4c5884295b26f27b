import CCairo
import Foundation

/// Writes an opaque Cairo image surface as an 8-bit RGB PNG.
///
/// Every row after the first uses the "up" filter, which turns the large flat areas of a figure
/// into zeros; `ZlibRowEncoder` compresses those runs a machine word at a time. Rows equal to
/// the row above (compared as whole rows) are written as zeros without looking at their pixels.
/// The bytes depend only on the pixels.
enum PNGEncoder {
    /// The PNG file of `surface`, an image surface whose pixels are all opaque.
    static func encode(_ surface: CairoSurface) throws -> [UInt8] {
        let handle = surface.handle
        cairo_surface_flush(handle)
        let width = Int(cairo_image_surface_get_width(handle)), height = Int(cairo_image_surface_get_height(handle))
        let stride = Int(cairo_image_surface_get_stride(handle))
        guard width > 0, height > 0, let data = cairo_image_surface_get_data(handle) else {
            throw RenderError.cairo(operation: "encode PNG", status: "no image data")
        }
        let compressed = compress(data, width: width, height: height, stride: stride)

        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits per sample, RGB, deflate, adaptive filtering, no interlace
        appendChunk("IHDR", header, to: &file)
        appendChunk("IDAT", compressed, to: &file)
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// Pixels from which an image is compressed in two halves of rows side by side.
    private static let splitPixels = 1 << 20

    /// The zlib stream of the filtered rows. A large image is compressed as two parts, the top
    /// half's rows and the bottom half's, side by side (`Concurrently`): the first part ends on
    /// a whole byte, the second continues the stream without reaching back into the first, and
    /// the checksums are combined. The split depends only on the size, so the bytes do too.
    private static func compress(_ data: UnsafeMutablePointer<UInt8>, width: Int, height: Int, stride: Int) -> [UInt8] {
        let rowBytes = 1 + 3 * width
        let middle = width * height >= splitPixels ? height / 2 : 0
        let image = Pixels(data: data, stride: stride)
        let parts = Concurrently.map(middle > 0 ? [0..<middle, middle..<height] : [0..<height]) { rows in
            let first = rows.lowerBound == 0
            let encoder = ZlibRowEncoder(rowBytes: rowBytes, expectedBytes: rows.count * rowBytes / 32, header: first)
            for y in rows {
                filterRow(image.row(y), above: y == 0 ? nil : image.row(y - 1), width: width, into: encoder.nextRow)
                encoder.encodeRow()
            }
            // Only a top part that another part continues ends without the final block.
            let continued = first && rows.upperBound < height
            return (bytes: continued ? encoder.finishPart() : encoder.finish(), checksum: encoder.checksumValue)
        }.map { $0.get() }
        guard middle > 0 else { return parts[0].bytes }
        // The second part's stream ends with its own checksum; replace it by the whole image's.
        let checksum = adler32_combine(uLong(parts[0].checksum), uLong(parts[1].checksum), .init((height - middle) * rowBytes))
        return parts[0].bytes + parts[1].bytes.dropLast(4) + ZlibRowEncoder.bigEndian(UInt32(checksum))
    }

    /// A surface's pixels, read (never written) by the parts compressed side by side.
    private struct Pixels: @unchecked Sendable {
        let data: UnsafeMutablePointer<UInt8>, stride: Int

        /// The first byte of row `y`.
        func row(_ y: Int) -> UnsafeMutablePointer<UInt8> { data + y * stride }
    }

    /// Writes the filter byte and the filtered RGB bytes of the row at `row` into `out`: no
    /// filter for the first row (`above` nil), "up" for the others.
    private static func filterRow(_ row: UnsafeMutablePointer<UInt8>, above: UnsafeMutablePointer<UInt8>?, width: Int,
                                  into out: UnsafeMutablePointer<UInt8>) {
        out[0] = above == nil ? 0 : 2
        if let above, memcmp(row, above, 4 * width) == 0 {
            memset(out + 1, 0, 3 * width)
            return
        }
        var x = 0
        while x < width {
            // Pixels equal to the ones above filter to zeros: skip them eight, then two at a time.
            var same = x
            if let above {
                while same &+ 8 <= width, differs8(row, above, same) == 0 { same &+= 8 }
                while same &+ 2 <= width, pair(row, same) == pair(above, same) { same &+= 2 }
                if same < width, word(row, same) == word(above, same) { same += 1 }
            }
            if same > x {
                memset(out + 1 + 3 * x, 0, 3 * (same - x))
                x = same
                continue
            }
            // The pixel's 3 bytes are stored as 4; the 4th is overwritten by the next pixel's.
            let up = above.map { word($0, x) } ?? 0
            let rgb = (bytewiseDifference(word(row, x), up).byteSwapped >> 8).littleEndian  // R, G, B, 0 in memory
            if x < width - 1 {
                UnsafeMutableRawPointer(out + 1 + 3 * x).storeBytes(of: rgb, as: UInt32.self)
            } else {
                withUnsafeBytes(of: rgb) { (out + 1 + 3 * x).update(from: $0.bindMemory(to: UInt8.self).baseAddress!, count: 3) }
            }
            x += 1
        }
    }

    /// Pixel `x` of an ARGB32 row: a native-endian word, blue in the low byte, alpha in the high one.
    @inline(__always)
    private static func word(_ row: UnsafeMutablePointer<UInt8>, _ x: Int) -> UInt32 {
        UnsafeRawPointer(row + 4 * x).loadUnaligned(as: UInt32.self)
    }

    /// Pixels `x` and `x + 1` of an ARGB32 row as one word.
    @inline(__always)
    private static func pair(_ row: UnsafeMutablePointer<UInt8>, _ x: Int) -> UInt64 {
        UnsafeRawPointer(row + 4 &* x).loadUnaligned(as: UInt64.self)
    }

    /// Non-zero when any of pixels `x`…`x + 7` of `row` differs from the one in `above`.
    @inline(__always)
    private static func differs8(_ row: UnsafeMutablePointer<UInt8>, _ above: UnsafeMutablePointer<UInt8>, _ x: Int) -> UInt64 {
        (pair(row, x) ^ pair(above, x)) | (pair(row, x &+ 2) ^ pair(above, x &+ 2))
            | (pair(row, x &+ 4) ^ pair(above, x &+ 4)) | (pair(row, x &+ 6) ^ pair(above, x &+ 6))
    }

    /// `a − b` in each of the four bytes separately (modulo 256, no borrow between bytes).
    @inline(__always)
    private static func bytewiseDifference(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let high: UInt32 = 0x8080_8080
        return ((a | high) &- (b & ~high)) ^ ((a ^ ~b) & high)
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
