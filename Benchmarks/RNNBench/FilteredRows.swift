import CZlib
import Foundation

/// The filtered rows of an 8-bit RGB PNG (what its IDAT chunks inflate to: each row a filter
/// byte and 3 bytes per pixel), the input of a PNG's deflate stream.
struct FilteredRows {
    /// The rows, one after the other.
    var bytes: [UInt8]
    /// The image's width and height in pixels.
    var width: Int, height: Int
    /// The length of a row in bytes.
    var rowBytes: Int { 1 + 3 * width }

    /// The rows of the PNG file `bytes`, or nil when it is not an 8-bit RGB PNG that inflates to
    /// exactly its rows.
    init?(png bytes: [UInt8]) {
        var offset = 8, width = 0, height = 0, stream: [UInt8] = []
        while offset + 12 <= bytes.count {
            let length = Int(Self.bigEndian(bytes, offset)), body = offset + 8
            guard body + length + 4 <= bytes.count else { return nil }
            switch String(decoding: bytes[offset + 4..<body], as: UTF8.self) {
            case "IHDR":
                guard bytes[body + 8] == 8, bytes[body + 9] == 2 else { return nil }  // 8 bits, RGB
                width = Int(Self.bigEndian(bytes, body))
                height = Int(Self.bigEndian(bytes, body + 4))
            case "IDAT": stream += bytes[body..<body + length]
            default: break
            }
            offset = body + length + 4
        }
        guard width > 0, height > 0, let rows = Self.inflate(stream, count: height * (1 + 3 * width)) else { return nil }
        (self.bytes, self.width, self.height) = (rows, width, height)
    }

    /// The `count` bytes the zlib stream `stream` inflates to (zlib's `uncompress`), or nil
    /// when it is not a valid stream of exactly `count` bytes.
    static func inflate(_ stream: [UInt8], count: Int) -> [UInt8]? {
        var length = uLongf(count)
        var output = [UInt8](repeating: 0, count: count + 1)
        let status = output.withUnsafeMutableBufferPointer { out in
            stream.withUnsafeBufferPointer { uncompress(out.baseAddress, &length, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK, length == count else { return nil }
        return Array(output.prefix(count))
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
