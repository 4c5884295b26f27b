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
        var p: Float = 1.987_569_1e-4
        p = p * r + 1.398_199_9e-3
        p = p * r + 8.333_452e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 1.666_666_5e-1
        p = p * r + 5.000_000_1e-1
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
