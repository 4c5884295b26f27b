import Foundation

/// Red–green colour blindness simulated (Machado, Oliveira & Fernandes 2009, severity 1), to
/// check that what a figure tells by colour survives it.
public enum ColorVision: CaseIterable, Sendable {
    /// No green cones (about one man in sixteen sees something close).
    case deuteranopia
    /// No red cones.
    case protanopia

    private var matrix: [[Double]] {
        switch self {
        case .deuteranopia:
            [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
        case .protanopia:
            [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
        }
    }

    /// `color` as seen with this deficiency.
    public func simulate(_ color: RGBColor) -> RGBColor {
        let linear = [color.red, color.green, color.blue].map(RGBColor.linear)
        let seen = matrix.map { row in zip(row, linear).map(*).reduce(0, +) }
        return RGBColor(RGBColor.encoded(seen[0]), RGBColor.encoded(seen[1]), RGBColor.encoded(seen[2]), alpha: color.alpha)
    }
}

extension RGBColor {
    /// An sRGB component made linear.
    static func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }

    /// A linear component encoded as sRGB (clamped to 0…1).
    static func encoded(_ c: Double) -> Double {
        let c = min(max(c, 0), 1)
        return c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055
    }

    /// CIE L*a*b* (D65).
    public var lab: (l: Double, a: Double, b: Double) {
        let r = Self.linear(red), g = Self.linear(green), b = Self.linear(blue)
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? pow(t, 1.0 / 3) : (24389.0 / 27 * t + 16) / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    /// The CIE76 colour difference ΔE*ab to `other`: about 2.3 is just noticeable, 20 and more
    /// tells two things apart at a glance.
    public func difference(to other: RGBColor) -> Double {
        let p = lab, q = other.lab
        return ((p.l - q.l) * (p.l - q.l) + (p.a - q.a) * (p.a - q.a) + (p.b - q.b) * (p.b - q.b)).squareRoot()
    }
}
