import RNNRender

/// How a vector's values map to colours, the same way the figures colour them.
enum ValueScale: Equatable, Sendable {
    /// −1…1, blue–white–red (tanh values: h, g, n).
    case signed
    /// 0…1, viridis (sigmoid gates, probabilities, attention).
    case unit
    /// −m…m, blue–white–red, for values that can leave −1…1 (the LSTM cell state).
    case symmetric(Float)

    /// A diverging scale wide enough for `values` (at least −1…1).
    static func symmetric(covering values: [Float]) -> ValueScale {
        .symmetric(max(1, values.reduce(0) { max($0, $1.isFinite ? abs($1) : 0) }))
    }

    /// The colour of `value`.
    func color(_ value: Float) -> RGBColor {
        let v = Double(value.isFinite ? value : 0)
        switch self {
        case .signed: return ColorMap.diverging.color(for: v, in: -1...1)
        case .unit: return ColorMap.viridis.color(for: v, in: 0...1)
        case .symmetric(let m): return ColorMap.diverging.color(for: v, in: -Double(m)...Double(m))
        }
    }

    /// Where `value` lies on the scale, 0…1 (for drawing without colour).
    func position(_ value: Float) -> Double {
        let v = Double(value.isFinite ? value : 0)
        let p: Double
        switch self {
        case .signed: p = (v + 1) / 2
        case .unit: p = v
        case .symmetric(let m): p = (v / Double(m) + 1) / 2
        }
        return min(max(p, 0), 1)
    }
}
