import CLibDeflate
import CZlib

/// The libraries' zlib streams of a PNG's filtered rows: zlib's `deflate` (a level and a
/// strategy) and libdeflate's whole-buffer compressor (a level). They are the other candidates of
/// the deflate trial (`rnnlab-bench deflate`), and `PNGDeflate` makes PNG files with them when
/// asked, to time a whole run against `ZlibRowEncoder`.
package enum LibraryDeflate {
    /// zlib's stream of `rows` at `level` with `strategy` (`Z_DEFAULT_STRATEGY`, `Z_RLE`).
    package static func zlib(_ rows: UnsafeRawBufferPointer, level: Int32, strategy: Int32) -> [UInt8] {
        zlibPart(rows, level: level, strategy: strategy, first: true, last: true).bytes
    }

    /// zlib's stream of `rows` made as `PNGEncoder` makes its own: when `split`, the top half's
    /// rows and the bottom half's side by side (`Concurrently`). The top part ends with a sync
    /// flush (an empty stored block, on a whole byte); the bottom part is a raw deflate stream
    /// of its own, which never reaches back into the top; the Adler-32 checksums are combined.
    package static func zlibInTwoHalves(_ rows: UnsafeRawBufferPointer, rowBytes: Int, split: Bool,
                                level: Int32, strategy: Int32) -> [UInt8] {
        guard split else { return zlib(rows, level: level, strategy: strategy) }
        let middle = rows.count / rowBytes / 2 * rowBytes
        let halves = Halves(parts: [UnsafeRawBufferPointer(rebasing: rows[..<middle]), UnsafeRawBufferPointer(rebasing: rows[middle...])])
        let parts = Concurrently.map([0, 1]) { half in
            zlibPart(halves.parts[half], level: level, strategy: strategy, first: half == 0, last: half == 1)
        }.map { $0.get() }
        let checksum = UInt32(adler32_combine(parts[0].checksum, parts[1].checksum, .init(halves.parts[1].count)))
        let trailer: [UInt8] = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: checksum >> $0) }  // most significant first
        return parts[0].bytes + parts[1].bytes + trailer
    }

    /// The two halves of the rows, read (never written) side by side.
    private struct Halves: @unchecked Sendable {
        let parts: [UnsafeRawBufferPointer]
    }

    /// libdeflate's zlib stream of `rows` at `level` (1 fastest … 12 smallest).
    package static func libdeflate(_ rows: UnsafeRawBufferPointer, level: Int32) -> [UInt8] {
        let compressor = libdeflate_alloc_compressor(level)!
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_zlib_compress_bound(compressor, rows.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { out, count in
            count = libdeflate_zlib_compress(compressor, rows.baseAddress, rows.count, out.baseAddress, bound)
            precondition(count > 0, "libdeflate: output larger than its bound")
        }
    }

    /// One part of a zlib stream and the Adler-32 checksum of `input`: the `first` part starts
    /// with the zlib header, the `last` ends with the final block (and, when also first, the
    /// checksum); a part that is not last ends with a sync flush.
    private static func zlibPart(_ input: UnsafeRawBufferPointer, level: Int32, strategy: Int32,
                                 first: Bool, last: Bool) -> (bytes: [UInt8], checksum: uLong) {
        var stream = z_stream()
        let windowBits: Int32 = first ? 15 : -15  // negative: raw deflate, no header or checksum
        let status = deflateInit2_(&stream, level, Z_DEFLATED, windowBits, 8, strategy, zlibVersion(),
                                   Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib: deflateInit2 failed (\(status))")
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 16  // + the sync flush's block
        let bytes = [UInt8](unsafeUninitializedCapacity: bound) { out, count in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            stream.next_out = out.baseAddress
            stream.avail_out = uInt(bound)
            let result = deflate(&stream, last ? Z_FINISH : Z_SYNC_FLUSH)
            precondition(result == (last ? Z_STREAM_END : Z_OK) && stream.avail_in == 0, "zlib: deflate failed (\(result))")
            count = bound - Int(stream.avail_out)
        }
        // A zlib stream's checksum is zlib's; a raw stream has none, so it is computed here.
        let checksum = first ? stream.adler : adler32_z(1, input.baseAddress?.assumingMemoryBound(to: Bytef.self), input.count)
        return (bytes, checksum)
    }
}
