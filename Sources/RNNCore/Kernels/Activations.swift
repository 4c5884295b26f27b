/// Exponential, logistic sigmoid and hyperbolic tangent for `Float`, computed the same way on
/// every platform.
///
/// The C library's `expf` may change with the library version and the CPU it dispatches to;
/// these functions use a fixed range reduction and polynomial (Cephes' `expf`, relative error
/// below 2 ulp on the clamped range), are branch-free so loops over them vectorise, and so
/// give bit-identical results in every build.
public enum Activation {
    /// `eˣ`, with `x` clamped to `-87.3 … 88.7` (so the result is finite and normal).
    @inlinable @inline(__always)
    public static func exp(_ x: Float) -> Float {
        let clamped = Swift.min(Swift.max(x, -87.33654), 88.72283)
        let n = (clamped * 1.442_695_04).rounded(.toNearestOrEven)
        let r = (clamped - n * 0.693_359_375) - n * (-2.121_944_4e-4)
        var p = ExpPolynomial.coefficients[0]
        for c in ExpPolynomial.coefficients.dropFirst() { p = p * r + c }
        let polynomial = p * (r * r) + r + 1
        // `n` lies in -126 … 128: split 2ⁿ into two normal powers of two.
        let whole = Int32(n)
        let half = whole >> 1
        let first = Float(bitPattern: UInt32(truncatingIfNeeded: half + 127) << 23)
        let second = Float(bitPattern: UInt32(truncatingIfNeeded: whole - half + 127) << 23)
        return polynomial * first * second
    }

    /// `1 / (1 + e⁻ˣ)`.
    @inlinable @inline(__always)
    public static func sigmoid(_ x: Float) -> Float {
        1 / (1 + exp(-x))
    }

    /// `tanh x`, as `sign(x)·(1 − 2 / (e^{2|x|} + 1))`, with the small-argument series below
    /// `|x| < 0.004` where the subtraction would lose relative precision.
    @inlinable @inline(__always)
    public static func tanh(_ x: Float) -> Float {
        let magnitude = Swift.abs(x)
        let viaExp = 1 - 2 / (exp(2 * magnitude) + 1)
        let series = magnitude - magnitude * magnitude * magnitude * (1.0 / 3.0)
        let result = magnitude < 0.004 ? series : viaExp
        return x < 0 ? -result : result
    }
}

// MARK: - Sixteen lanes at a time

extension Activation {
    /// `eˣ` in each lane: the same operations as `exp(_:)` in the same order, so each lane is
    /// bit-identical to the scalar result.
    @_transparent
    public static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let low = SIMD16<Float>(repeating: -87.33654), high = SIMD16<Float>(repeating: 88.72283)
        let raised = x.replacing(with: low, where: x .< low)
        let clamped = raised.replacing(with: high, where: high .< raised)
        // Rounding to nearest even by adding and removing 1.5·2²³ (exact for |n| < 2²²),
        // which also leaves n as an integer in the sum's low bits. The sign of a zero n may
        // differ from `rounded(.toNearestOrEven)`; no result depends on it.
        let magic: Float = 12_582_912
        let shifted = clamped * 1.442_695_04 + magic
        let n = shifted - magic
        let r = (clamped - n * 0.693_359_375) - n * (-2.121_944_4e-4)
        var p = SIMD16<Float>(repeating: ExpPolynomial.coefficients[0])
        for c in ExpPolynomial.coefficients.dropFirst() { p = p * r + c }
        let polynomial = p * (r * r) + r + 1
        let whole = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- Int32(bitPattern: magic.bitPattern)
        let half = whole &>> 1
        let first = unsafeBitCast((half &+ 127) &<< 23, to: SIMD16<Float>.self)
        let second = unsafeBitCast((whole &- half &+ 127) &<< 23, to: SIMD16<Float>.self)
        return polynomial * first * second
    }

    /// `1 / (1 + e⁻ˣ)` in each lane, bit-identical to `sigmoid(_:)`.
    @_transparent
    public static func sigmoid(_ x: SIMD16<Float>) -> SIMD16<Float> {
        1 / (1 + exp(-x))
    }

    /// `tanh x` in each lane, bit-identical to `tanh(_:)`.
    @_transparent
    public static func tanh(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let third: Float = 1.0 / 3.0
        let magnitude = unsafeBitCast(unsafeBitCast(x, to: SIMD16<UInt32>.self) & 0x7FFF_FFFF, to: SIMD16<Float>.self)
        let viaExp = 1 - 2 / (exp(2 * magnitude) + 1)
        let series = magnitude - magnitude * magnitude * magnitude * third
        let result = viaExp.replacing(with: series, where: magnitude .< 0.004)
        return result.replacing(with: -result, where: x .< 0)
    }
}

// MARK: - Buffers

extension Activation {
    /// Writes `eˣ` of each of the `count` values at `source` to `destination`, bit-identical
    /// to `exp(_:)` element by element. The buffers may be the same but must not otherwise
    /// overlap.
    public static func exp(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, count: Int) {
        apply({ exp($0) }, source, destination, count: count)
    }

    /// Writes the logistic sigmoid of each of the `count` values at `source` to `destination`,
    /// bit-identical to `sigmoid(_:)` element by element. The buffers may be the same but must
    /// not otherwise overlap.
    public static func sigmoid(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, count: Int) {
        apply({ sigmoid($0) }, source, destination, count: count)
    }

    /// Writes `tanh` of each of the `count` values at `source` to `destination`, bit-identical
    /// to `tanh(_:)` element by element. The buffers may be the same but must not otherwise
    /// overlap.
    public static func tanh(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, count: Int) {
        apply({ tanh($0) }, source, destination, count: count)
    }

    /// Applies `vector` to groups of sixteen values, the last group padded.
    @inline(__always)
    static func apply(
        _ vector: (SIMD16<Float>) -> SIMD16<Float>,
        _ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, count: Int
    ) {
        var index = 0
        while index + 16 <= count {
            let values = UnsafeRawPointer(source + index).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(destination + index).storeBytes(of: vector(values), as: SIMD16<Float>.self)
            index += 16
        }
        // The last few values go through the vector function too, padded with zeros: lanes are
        // computed independently, so each result equals the scalar function's.
        let remaining = count - index
        if remaining > 0 {
            var values = SIMD16<Float>(repeating: 0)
            for lane in 0..<remaining { values[lane] = source[index + lane] }
            let results = vector(values)
            for lane in 0..<remaining { destination[index + lane] = results[lane] }
        }
    }
}

/// Cephes' polynomial for `eʳ − 1 − r` on the reduced range, highest power first; the scalar
/// and vector `exp` evaluate it the same way.
@usableFromInline
enum ExpPolynomial {
    @usableFromInline
    static let coefficients: [Float] = [1.987_569_1e-4, 1.398_199_9e-3, 8.333_452e-3, 4.166_579_6e-2, 1.666_666_5e-1, 5.000_000_1e-1]
}
