import CCairo
import CZlib
import Foundation

/// Writes an opaque Cairo image surface as an 8-bit RGB PNG.
///
/// Every row after the first uses the "up" filter, which turns the large flat areas of a figure
/// into zeros; `ZlibRowEncoder` compresses those runs a machine word at a time. Rows equal to
/// the row above (compared as whole rows) are written as zeros without looking at their pixels.
/// The bytes depend only on the pixels.
package enum PNGEncoder {
    /// The PNG file of `surface`, an image surface whose pixels are all opaque, its rows
    /// compressed by `deflate`.
    static func encode(_ surface: CairoSurface, deflate: PNGDeflate = .chosen) throws -> [UInt8] {
        let handle = surface.handle
        cairo_surface_flush(handle)
        let width = Int(cairo_image_surface_get_width(handle)), height = Int(cairo_image_surface_get_height(handle))
        let stride = Int(cairo_image_surface_get_stride(handle))
        guard width > 0, height > 0, let data = cairo_image_surface_get_data(handle) else {
            throw RenderError.cairo(operation: "encode PNG", status: "no image data")
        }
        let rowBytes = 1 + 3 * width
        let pixels = SharedBytes(data)
        let writeRow: @Sendable (Int, UnsafeMutablePointer<UInt8>) -> Void = { y, out in
            filterRow(pixels.base + y * stride, above: y == 0 ? nil : pixels.base + (y - 1) * stride, width: width, into: out)
        }
        let compressed = switch deflate {
        case .handWritten: compress(rows: height, rowBytes: rowBytes, split: width * height >= splitPixels, writeRow: writeRow)
        case .zlib: allRows(height, rowBytes: rowBytes, writeRow).withUnsafeBytes { LibraryDeflate.zlib($0, level: 1, strategy: Z_DEFAULT_STRATEGY) }
        case .libdeflate: allRows(height, rowBytes: rowBytes, writeRow).withUnsafeBytes { LibraryDeflate.libdeflate($0, level: 6) }
        }

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
    package static let splitPixels = 1 << 20

    /// The hand-written encoder's zlib stream of rows already filtered (`rowBytes` each), in two
    /// halves side by side when `split`: for the deflate trial of `rnnlab-bench`.
    package static func handWrittenStream(filteredRows rows: UnsafeRawBufferPointer, rowBytes: Int, split: Bool) -> [UInt8] {
        let source = SharedBytes(UnsafeMutablePointer(mutating: rows.baseAddress!.assumingMemoryBound(to: UInt8.self)))
        return compress(rows: rows.count / rowBytes, rowBytes: rowBytes, split: split) { y, out in
            out.update(from: source.base + y * rowBytes, count: rowBytes)
        }
    }

    /// Memory the parts compressed side by side read and never write (a surface's pixels, the
    /// trial's rows).
    private struct SharedBytes: @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt8>
        init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }
    }

    /// The zlib stream of `rows` rows of `rowBytes` bytes, each written by `writeRow(y, into)`.
    /// When `split`, the image is compressed as two parts, the top half's rows and the bottom
    /// half's, side by side (`Concurrently`): the first part ends on a whole byte, the second
    /// continues the stream without reaching back into the first, and the checksums are
    /// combined. The split depends only on the size, so the bytes do too.
    private static func compress(
        rows height: Int, rowBytes: Int, split: Bool, writeRow: @escaping @Sendable (Int, UnsafeMutablePointer<UInt8>) -> Void
    ) -> [UInt8] {
        let middle = split ? height / 2 : 0
        let parts = Concurrently.map(middle > 0 ? [0..<middle, middle..<height] : [0..<height]) { rows in
            let first = rows.lowerBound == 0
            let encoder = ZlibRowEncoder(rowBytes: rowBytes, expectedBytes: rows.count * rowBytes / 32, header: first)
            for y in rows {
                writeRow(y, encoder.nextRow)
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

    /// The `height` rows of `rowBytes` bytes each written by `writeRow(y, into)`, one after the
    /// other: what a library compresses in one call.
    private static func allRows(_ height: Int, rowBytes: Int, _ writeRow: (Int, UnsafeMutablePointer<UInt8>) -> Void) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: height * rowBytes) { buffer, count in
            for y in 0..<height { writeRow(y, buffer.baseAddress! + y * rowBytes) }
            count = height * rowBytes
        }
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
