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
        let polynomial = ExpPolynomial.value(r)
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
        let polynomial = ExpPolynomial.value(r)
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
        apply(Exponential.self, source, destination, count: count)
    }

    /// Writes the logistic sigmoid of each of the `count` values at `source` to `destination`,
    /// bit-identical to `sigmoid(_:)` element by element. The buffers may be the same but must
    /// not otherwise overlap.
    public static func sigmoid(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, count: Int) {
        apply(Sigmoid.self, source, destination, count: count)
    }

    /// Writes `tanh` of each of the `count` values at `source` to `destination`, bit-identical
    /// to `tanh(_:)` element by element. The buffers may be the same but must not otherwise
    /// overlap.
    public static func tanh(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, count: Int) {
        apply(HyperbolicTangent.self, source, destination, count: count)
    }

    /// Applies `F` to groups of sixteen values, the last group padded.
    ///
    /// `F` is a type rather than a closure so that the function is inlined into the loop: a
    /// `SIMD16` passed to a function that is not inlined travels in four 128-bit registers,
    /// and the function's arithmetic is then done 128 bits at a time (measured: 4 ns per
    /// value instead of 0.3).
    @inline(__always)
    static func apply<F: LaneFunction>(
        _: F.Type, _ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, count: Int
    ) {
        var index = 0
        while index + 16 <= count {
            let values = UnsafeRawPointer(source + index).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(destination + index).storeBytes(of: F.apply(values), as: SIMD16<Float>.self)
            index += 16
        }
        // The last few values go through the vector function too, padded with zeros: lanes are
        // computed independently, so each result equals the scalar function's.
        let remaining = count - index
        if remaining > 0 {
            F.apply(SIMD16(source + index, lanes: remaining)).store(to: destination + index, lanes: remaining)
        }
    }
}

/// An element-wise function applied sixteen lanes at a time by `Activation.apply`.
protocol LaneFunction {
    static func apply(_ x: SIMD16<Float>) -> SIMD16<Float>
}

private enum Exponential: LaneFunction {
    @_transparent static func apply(_ x: SIMD16<Float>) -> SIMD16<Float> { Activation.exp(x) }
}

private enum Sigmoid: LaneFunction {
    @_transparent static func apply(_ x: SIMD16<Float>) -> SIMD16<Float> { Activation.sigmoid(x) }
}

private enum HyperbolicTangent: LaneFunction {
    @_transparent static func apply(_ x: SIMD16<Float>) -> SIMD16<Float> { Activation.tanh(x) }
}

/// Cephes' polynomial for `eʳ` on the reduced range: `r + 1` plus `r²` times a degree-5
/// polynomial in Horner's form. The scalar and vector `exp` evaluate it with the same
/// operations in the same order. (The coefficients are literals: read from an array, they
/// were loaded through a global accessor on every call, which made `exp` ten times slower.)
@usableFromInline
enum ExpPolynomial {
    @_transparent @usableFromInline
    static func value(_ r: Float) -> Float {
        var p: Float = 1.987_569_1e-4
        p = p * r + 1.398_199_9e-3
        p = p * r + 8.333_452e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 1.666_666_5e-1
        p = p * r + 5.000_000_1e-1
        return p * (r * r) + r + 1
    }

    @_transparent @usableFromInline
    static func value(_ r: SIMD16<Float>) -> SIMD16<Float> {
        var p = SIMD16<Float>(repeating: 1.987_569_1e-4)
        p = p * r + 1.398_199_9e-3
        p = p * r + 8.333_452e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 1.666_666_5e-1
        p = p * r + 5.000_000_1e-1
        return p * (r * r) + r + 1
    }
}
