import Foundation
@testable import RNNRender

/// Whether two 8-bit colours differ by at most `tolerance` per channel.
func close(_ a: (r: Int, g: Int, b: Int), _ b: (r: Int, g: Int, b: Int), _ tolerance: Int = 3) -> Bool {
    abs(a.r - b.r) <= tolerance && abs(a.g - b.g) <= tolerance && abs(a.b - b.b) <= tolerance
}

/// The pixel at point (`x`, `y`) of an image drawn at `scale`.
func pixel(_ image: DecodedImage, _ x: Double, _ y: Double, scale: Double = 1) -> (r: Int, g: Int, b: Int) {
    image.rgb(Int(x * scale), Int(y * scale))
}
