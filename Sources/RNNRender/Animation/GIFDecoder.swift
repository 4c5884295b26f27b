import CGIF
import Foundation

/// Reads an animated GIF back through giflib: every frame composed onto the screen as a viewer
/// shows it, with its delay. For tests and checks of what `rnnlab animate` wrote.
public enum GIFDecoder {
    /// One frame as shown: the whole screen, and how long it stays.
    public struct Frame: Sendable {
        /// The screen after this frame, opaque `0xFFRRGGBB` pixels.
        public var image: DecodedImage
        /// Hundredths of a second.
        public var delay: Int
    }

    /// Decodes `bytes` into frames.
    public static func decode(_ bytes: [UInt8]) throws -> [Frame] {
        let source = ByteSource(bytes)
        var error: Int32 = 0
        guard let file = DGifOpen(Unmanaged.passUnretained(source).toOpaque(), Self.read, &error) else {
            throw RenderError.gif(operation: "open a GIF", code: error)
        }
        defer { DGifCloseFile(file, nil) }
        return try withExtendedLifetime(source) {
            guard DGifSlurp(file) == GIF_OK else { throw RenderError.gif(operation: "read a GIF", code: file.pointee.Error) }
            let width = Int(file.pointee.SWidth), height = Int(file.pointee.SHeight)
            var screen = [UInt32](repeating: 0xFF00_0000, count: width * height)
            var frames: [Frame] = []
            for index in 0..<Int(file.pointee.ImageCount) {
                let image = file.pointee.SavedImages[index]
                let desc = image.ImageDesc
                guard let map = desc.ColorMap ?? file.pointee.SColorMap else {
                    throw RenderError.gif(operation: "read frame \(index): it has no palette", code: 0)
                }
                for row in 0..<Int(desc.Height) {
                    for column in 0..<Int(desc.Width) {
                        let color = map.pointee.Colors[Int(image.RasterBits[row * Int(desc.Width) + column])]
                        screen[(Int(desc.Top) + row) * width + Int(desc.Left) + column] =
                            0xFF00_0000 | UInt32(color.Red) << 16 | UInt32(color.Green) << 8 | UInt32(color.Blue)
                    }
                }
                var control = GraphicsControlBlock()
                let delay = DGifSavedExtensionToGCB(file, Int32(index), &control) == GIF_OK ? Int(control.DelayTime) : 0
                frames.append(Frame(image: DecodedImage(width: width, height: height, pixels: screen), delay: delay))
            }
            return frames
        }
    }

    /// giflib's input function: reads from the `ByteSource` in `UserData`.
    private static let read: InputFunc = { file, buffer, count in
        guard let file, let buffer, let user = file.pointee.UserData else { return 0 }
        let source = Unmanaged<ByteSource>.fromOpaque(user).takeUnretainedValue()
        let available = min(Int(count), source.bytes.count - source.offset)
        guard available > 0 else { return 0 }
        source.bytes.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress! + source.offset, count: available) }
        source.offset += available
        return Int32(available)
    }
}
