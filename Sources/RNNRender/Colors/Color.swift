/// An sRGB colour with alpha, components 0…1.
public struct RGBColor: Sendable, Equatable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    /// Creates a colour from components 0…1.
    public init(_ red: Double, _ green: Double, _ blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// Creates a colour from `0xRRGGBB`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(Double((hex >> 16) & 0xFF) / 255, Double((hex >> 8) & 0xFF) / 255, Double(hex & 0xFF) / 255,
                  alpha: alpha)
    }

    /// The same colour with another alpha.
    public func withAlpha(_ alpha: Double) -> RGBColor { RGBColor(red, green, blue, alpha: alpha) }

    /// Linear blend towards `other`: `amount` 0 gives `self`, 1 gives `other`.
    public func mixed(with other: RGBColor, _ amount: Double) -> RGBColor {
        let a = min(max(amount, 0), 1)
        return RGBColor(red + (other.red - red) * a, green + (other.green - green) * a,
                        blue + (other.blue - blue) * a, alpha: alpha + (other.alpha - alpha) * a)
    }

    /// WCAG relative luminance (0 black … 1 white).
    public var luminance: Double {
        0.2126 * Self.linear(red) + 0.7152 * Self.linear(green) + 0.0722 * Self.linear(blue)
    }

    /// CIE L* lightness (0…100), for checking colour maps.
    public var lightness: Double {
        let y = luminance
        return y > 216.0 / 24389 ? 116 * pow(y, 1.0 / 3) - 16 : y * 24389 / 27
    }

    /// The 8-bit components, rounded as Cairo stores them.
    public var bytes: (r: Int, g: Int, b: Int) {
        (Int((red * 255).rounded()), Int((green * 255).rounded()), Int((blue * 255).rounded()))
    }
}

import Foundation
