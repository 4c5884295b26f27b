import CGIF
import Foundation

/// Writes an animated GIF through giflib: frames of the same size, each with its own delay,
/// looping forever. Each frame is stored as the rectangle that changed since the previous one,
/// with its own palette of at most 256 colours chosen by giflib's median cut (`GifQuantizeBuffer`).
///
/// Quantizing (`GIFEncoder.quantize`) is separate from writing, so that frames can be prepared
/// on several threads and written in order (giflib's median cut itself runs one frame at a time).
public final class GIFEncoder {
    /// A frame reduced to the rectangle that changed and a palette: what is written.
    public struct QuantizedFrame: Sendable {
        var left: Int
        var top: Int
        var width: Int
        var height: Int
        /// `width`×`height` palette indices, rows top to bottom.
        var indices: [UInt8]
        /// The palette, `r g b` triples.
        var palette: [UInt8]
    }

    private let width: Int
    private let height: Int
    private let sink = ByteSink()
    private var file: UnsafeMutablePointer<GifFileType>?
    /// The frames written.
    public private(set) var frameCount = 0

    /// Opens an animation of `width`×`height` pixels that loops forever.
    public init(width: Int, height: Int) throws {
        guard (1...65_535).contains(width), (1...65_535).contains(height) else {
            throw RenderError.invalidArgument("animation size \(width)×\(height) pixels is out of range")
        }
        self.width = width
        self.height = height
        var error: Int32 = 0
        guard let file = EGifOpen(Unmanaged.passUnretained(sink).toOpaque(), Self.write, &error) else {
            throw RenderError.gif(operation: "open an animation", code: error)
        }
        self.file = file
        EGifSetGifVersion(file, true)
        try check(EGifPutScreenDesc(file, Int32(width), Int32(height), 8, 0, nil), "write the screen")
        // The NETSCAPE2.0 application extension: loop forever.
        let application = Array("NETSCAPE2.0".utf8), loop: [UInt8] = [1, 0, 0]
        try check(EGifPutExtensionLeader(file, APPLICATION_EXT_FUNC_CODE), "write the loop")
        try check(EGifPutExtensionBlock(file, Int32(application.count), application), "write the loop")
        try check(EGifPutExtensionBlock(file, Int32(loop.count), loop), "write the loop")
        try check(EGifPutExtensionTrailer(file), "write the loop")
    }

    deinit {
        if let file { EGifCloseFile(file, nil) }
    }

    /// giflib's output function: appends to the `ByteSink` in `UserData`.
    private static let write: OutputFunc = { file, bytes, count in
        guard let file, let bytes, let user = file.pointee.UserData else { return 0 }
        let sink = Unmanaged<ByteSink>.fromOpaque(user).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(count)))
        return count
    }

    private func check(_ status: Int32, _ operation: String) throws {
        guard status == GIF_OK else { throw RenderError.gif(operation: operation, code: file?.pointee.Error ?? 0) }
    }

    /// Held while giflib quantizes (see `quantize`).
    private static let quantizing = NSLock()

    /// The part of `frame` that differs from `previous` (the whole frame when there is none),
    /// reduced to at most 256 colours. Frames are opaque `0xAARRGGBB` pixels of the animation's size.
    public static func quantize(_ frame: DecodedImage, after previous: DecodedImage?) throws -> QuantizedFrame {
        let rect = previous.map { frame.changedRect(since: $0) } ?? (0, 0, frame.width, frame.height)
        // An unchanged frame keeps one pixel: a frame of its own, for its delay.
        let (left, top, width, height) = rect.2 > 0 ? rect : (0, 0, 1, 1)
        let count = width * height
        var red = [UInt8](repeating: 0, count: count), green = red, blue = red
        frame.pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<height {
                let source = (top + row) * frame.width + left, target = row * width
                for column in 0..<width {
                    let p = pixels[source + column]
                    red[target + column] = UInt8(truncatingIfNeeded: p >> 16)
                    green[target + column] = UInt8(truncatingIfNeeded: p >> 8)
                    blue[target + column] = UInt8(truncatingIfNeeded: p)
                }
            }
        }
        var indices = [UInt8](repeating: 0, count: count)
        var colors = [GifColorType](repeating: GifColorType(), count: 256)
        var size: Int32 = 256
        // giflib's median cut sorts with a comparator that reads a global (`SortRGBAxis` in
        // quantize.c): two frames quantized at once on two threads would sort each other's boxes
        // along the wrong axis, and the same frames would give different palettes. One at a time.
        let status = quantizing.withLock { GifQuantizeBuffer(UInt32(width), UInt32(height), &size, &red, &green, &blue, &indices, &colors) }
        guard status == GIF_OK else {
            throw RenderError.gif(operation: "reduce a frame to 256 colours", code: 0)
        }
        // giflib's palette holds 5-bit colours (white becomes 248): each entry is replaced by the
        // colour most of its pixels have (found by majority vote), so that the figure's own
        // colours — the page, text, every flat area — come out exact.
        var candidate = [UInt32](repeating: 0, count: 256), votes = [Int](repeating: 0, count: 256)
        frame.pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<height {
                let source = (top + row) * frame.width + left, target = row * width
                for column in 0..<width {
                    let index = Int(indices[target + column]), color = pixels[source + column] & 0xFF_FFFF
                    if votes[index] == 0 { candidate[index] = color; votes[index] = 1 } else if candidate[index] == color { votes[index] += 1 } else { votes[index] -= 1 }
                }
            }
        }
        let palette = (0..<256).flatMap { i -> [UInt8] in
            guard candidate[i] != 0 || votes[i] != 0 else { return [colors[i].Red, colors[i].Green, colors[i].Blue] }
            let c = candidate[i]
            return [UInt8(truncatingIfNeeded: c >> 16), UInt8(truncatingIfNeeded: c >> 8), UInt8(truncatingIfNeeded: c)]
        }
        return QuantizedFrame(left: left, top: top, width: width, height: height, indices: indices, palette: palette)
    }

    /// Writes `frame`, shown for `delay` hundredths of a second.
    public func add(_ frame: QuantizedFrame, delay: Int) throws {
        guard let file else { throw RenderError.gif(operation: "add a frame to a finished animation", code: 0) }
        var control = GraphicsControlBlock(DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false,
                                           DelayTime: Int32(min(max(delay, 0), 65_535)), TransparentColor: NO_TRANSPARENT_COLOR)
        var extensionBytes = [GifByteType](repeating: 0, count: 4)
        let length = EGifGCBToExtension(&control, &extensionBytes)
        try check(EGifPutExtension(file, GRAPHICS_EXT_FUNC_CODE, Int32(length), extensionBytes), "write a frame's delay")
        let colors = stride(from: 0, to: frame.palette.count, by: 3).map {
            GifColorType(Red: frame.palette[$0], Green: frame.palette[$0 + 1], Blue: frame.palette[$0 + 2])
        }
        guard let map = GifMakeMapObject(256, colors) else { throw RenderError.gif(operation: "make a palette", code: 0) }
        defer { GifFreeMapObject(map) }
        try check(EGifPutImageDesc(file, Int32(frame.left), Int32(frame.top), Int32(frame.width), Int32(frame.height), false, map),
                  "write a frame")
        var indices = frame.indices
        try indices.withUnsafeMutableBufferPointer { buffer in
            for row in 0..<frame.height {
                try check(EGifPutLine(file, buffer.baseAddress! + row * frame.width, Int32(frame.width)), "write a frame's pixels")
            }
        }
        frameCount += 1
    }

    /// Ends the animation and returns the file's bytes.
    public func finish() throws -> [UInt8] {
        guard let file else { return sink.bytes }
        var error: Int32 = 0
        self.file = nil
        guard EGifCloseFile(file, &error) == GIF_OK else { throw RenderError.gif(operation: "finish the animation", code: error) }
        return sink.bytes
    }
}
