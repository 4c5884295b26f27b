import CCairo
import Testing
@testable import RNNRender

/// The PNG writer's own deflate stream, and the libraries' it can be asked for (`PNGDeflate`),
/// read back by libpng (through Cairo) pixel for pixel.
@Suite struct PNGEncoderTests {
    /// An opaque surface whose pixel (x, y) is `color(x, y)` (0xRRGGBB).
    static func surface(width: Int, height: Int, _ color: (Int, Int) -> UInt32) throws -> CairoSurface {
        let surface = try CairoSurface.image(width: width, height: height)
        let stride = Int(cairo_image_surface_get_stride(surface.handle))
        let data = UnsafeMutableRawPointer(cairo_image_surface_get_data(surface.handle)!)
        for y in 0..<height {
            for x in 0..<width {
                data.storeBytes(of: 0xFF00_0000 | color(x, y), toByteOffset: y * stride + 4 * x, as: UInt32.self)
            }
        }
        cairo_surface_mark_dirty(surface.handle)
        return surface
    }

    /// A small deterministic pseudo-random generator (xorshift).
    struct Noise {
        var state: UInt64
        mutating func next() -> UInt32 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt32(truncatingIfNeeded: state >> 11)
        }
    }

    static let patterns: [(name: String, width: Int, height: Int, color: @Sendable (Int, Int) -> UInt32)] = [
        ("flat", 300, 40, { _, _ in 0xFFFFFF }),
        ("one pixel wide", 1, 50, { _, y in y % 7 == 0 ? 0x123456 : 0xFFFFFF }),
        ("stripes and boxes", 257, 90, { x, y in
            if (20..<60).contains(x), (10..<30).contains(y) { return 0x3D85C6 }
            return x % 9 == 0 || y % 13 == 0 ? 0xDADCE0 : 0xFFFFFF
        }),
        ("gradient", 600, 30, { x, y in UInt32((x * 255 / 600) << 16 | (y * 8) << 8 | (x ^ y) & 0xFF) }),
        ("wide rows beyond the match distance", 12_000, 6, { x, y in x % 1000 < 500 ? 0xFFFFFF : UInt32(y * 40) }),
    ]

    @Test(arguments: patterns.indices, PNGDeflate.allCases)
    func roundTripsThroughLibPNG(_ index: Int, _ deflate: PNGDeflate) throws {
        let pattern = Self.patterns[index]
        try expectRoundTrip(width: pattern.width, height: pattern.height, deflate: deflate, pattern.color)
    }

    @Test(arguments: PNGDeflate.allCases)
    func noiseRoundTrips(_ deflate: PNGDeflate) throws {
        var noise = Noise(state: 0x9E37_79B9_7F4A_7C15)
        let values = (0..<(700 * 120)).map { _ in noise.next() & 0xFFFFFF }
        // Noise in the middle rows, flat above and below: literals, matches and runs in one stream.
        try expectRoundTrip(width: 700, height: 300, deflate: deflate) { x, y in (100..<220).contains(y) ? values[(y - 100) * 700 + x] : 0xF0F0F0 }
    }

    @Test("A large image (hand-written: in two halves on two threads) reads back pixel for pixel, the same bytes every time",
          arguments: PNGDeflate.allCases)
    func largeImageInTwoParts(_ deflate: PNGDeflate) throws {
        // Over a million pixels: the top and bottom halves are separate parts of one stream,
        // with a boundary row that differs from the row above it.
        let color: @Sendable (Int, Int) -> UInt32 = { x, y in
            y == 600 ? 0x00FF00 : (x / 40 + y / 30) % 5 == 0 ? UInt32((x * 7 + y) & 0xFF) << 8 : 0xFFFFFF
        }
        try expectRoundTrip(width: 1100, height: 1200, deflate: deflate, color)
        let make = { try Self.surface(width: 1100, height: 1200, color) }
        #expect(try PNGEncoder.encode(make(), deflate: deflate) == PNGEncoder.encode(make(), deflate: deflate))
    }

    @Test func sameSurfaceGivesSameBytes() throws {
        let make = { try Self.surface(width: 333, height: 77) { x, y in UInt32(x * y) & 0xFFFFFF } }
        #expect(try PNGEncoder.encode(make()) == PNGEncoder.encode(make()))
    }

    private func expectRoundTrip(width: Int, height: Int, deflate: PNGDeflate = .handWritten,
                                 _ color: @escaping (Int, Int) -> UInt32) throws {
        let surface = try Self.surface(width: width, height: height, color)
        let image = try PNGDecoder.decode(try PNGEncoder.encode(surface, deflate: deflate))
        #expect(image.width == width && image.height == height)
        var wrong = 0
        for y in 0..<height {
            for x in 0..<width where image[x, y] != 0xFF00_0000 | color(x, y) { wrong += 1 }
        }
        #expect(wrong == 0, "\(wrong) of \(width * height) pixels differ")
    }
}
