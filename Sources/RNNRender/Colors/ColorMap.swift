import Foundation

/// Colour maps for values, each readable in deuteranopia and protanopia: a perceptually uniform
/// sequential map, a blue–orange diverging map and a light-to-dark blue map.
public enum ColorMap: Sendable, Equatable {
    /// viridis (matplotlib), dark purple → yellow, lightness increasing; for 0…1 values.
    case viridis
    /// Blue → white → orange (ColorBrewer RdBu's blues, PuOr's oranges), white at the centre, both
    /// sides darkening alike; for values around 0. Blue against orange survives red–green colour
    /// blindness, where red against green does not.
    case diverging
    /// White → dark blue (ColorBrewer Blues), lightness decreasing; for shading boxes by probability.
    case blues

    /// The colour at position `t` (0…1, clamped) along the map.
    public func color(at t: Double) -> RGBColor {
        let t = t.isFinite ? min(max(t, 0), 1) : 0.5
        switch self {
        case .viridis: return Self.viridis(t)
        case .diverging: return Self.interpolate(Self.blueOrange, t)
        case .blues: return Self.interpolate(Self.bluesTable, t)
        }
    }

    /// The colour for `value` with `range` mapped onto the whole map.
    public func color(for value: Double, in range: ClosedRange<Double>) -> RGBColor {
        let span = range.upperBound - range.lowerBound
        return color(at: span > 0 ? (value - range.lowerBound) / span : 0.5)
    }

    /// viridis as fitted by a 6th-degree polynomial per channel (max error about 1/255).
    private static func viridis(_ t: Double) -> RGBColor {
        let c: [(Double, Double, Double)] = [
            (0.2777273272234177, 0.005407344544966578, 0.3340998053353061),
            (0.1050930431085774, 1.404613529898575, 1.384590162594685),
            (-0.3308618287255563, 0.214847559468213, 0.09509516302823659),
            (-4.634230498983486, -5.799100973351585, -19.33244095627987),
            (6.228269936347081, 14.17993336680509, 56.69055260068105),
            (4.776384997670288, -13.74514537774601, -65.35303263337234),
            (-5.435455855934631, 4.645852612178535, 26.3124352495832),
        ]
        var r = 0.0, g = 0.0, b = 0.0
        for k in c.indices.reversed() {
            r = r * t + c[k].0
            g = g * t + c[k].1
            b = b * t + c[k].2
        }
        return RGBColor(min(max(r, 0), 1), min(max(g, 0), 1), min(max(b, 0), 1))
    }

    /// 11 classes from blue (negative) to orange (positive): ColorBrewer RdBu's blue half, then
    /// PuOr's orange half, of matching lightness.
    private static let blueOrange: [UInt32] = [
        0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFEE0B6, 0xFDB863, 0xE08214, 0xB35806, 0x7F3B08,
    ]

    /// ColorBrewer Blues (9 classes), starting at white.
    private static let bluesTable: [UInt32] = [
        0xFFFFFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B,
    ]

    private static func interpolate(_ table: [UInt32], _ t: Double) -> RGBColor {
        let position = t * Double(table.count - 1)
        let i = min(Int(position), table.count - 2)
        return RGBColor(hex: table[i]).mixed(with: RGBColor(hex: table[i + 1]), position - Double(i))
    }
}

/// A colour map applied to a value range: how the figures colour values, and the terminal's
/// views the same way.
public struct ValueScale: Equatable, Sendable {
    /// The map.
    public var map: ColorMap
    /// The values mapped onto the whole map.
    public var range: ClosedRange<Double>

    /// Creates a scale.
    public init(map: ColorMap, range: ClosedRange<Double>) {
        self.map = map
        self.range = range
    }

    /// 0…1 on viridis (probabilities, sigmoid gates, attention).
    public static let unit = ValueScale(map: .viridis, range: 0...1)
    /// −1…1 on the diverging map (tanh values: h, g, n).
    public static let signed = ValueScale(map: .diverging, range: -1...1)

    /// A diverging scale symmetric around 0 covering `values` and at least ±1 (the LSTM cell
    /// state, which can leave −1…1).
    public static func symmetric(covering values: [Float]) -> ValueScale {
        let largest = values.reduce(Float(0)) { max($0, abs($1.isFinite ? $1 : 0)) }
        return ValueScale(map: .diverging, range: -max(1, Double(largest))...max(1, Double(largest)))
    }

    /// The colour of `value`.
    public func color(_ value: Double) -> RGBColor { map.color(for: value, in: range) }

    /// The colour of `value`; a value that is not finite takes the colour of 0.
    public func color(_ value: Float) -> RGBColor { color(Double(value.isFinite ? value : 0)) }

    /// Where `value` lies on the scale, 0…1 (for drawing without colour); a value that is not
    /// finite lies where 0 does.
    public func position(_ value: Float) -> Double {
        let v = Double(value.isFinite ? value : 0), lower = range.lowerBound, upper = range.upperBound
        let p = lower == -upper ? (v / upper + 1) / 2 : (v - lower) / (upper - lower)
        return min(max(p, 0), 1)
    }
}
