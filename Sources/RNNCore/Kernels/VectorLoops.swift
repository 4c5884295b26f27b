/// Loops over one short row of floats, sixteen lanes at a time, whose results do not depend on
/// the build: each lane is rounded exactly as the scalar expression would be, and reductions
/// (`dot`, `total`) add their partial sums in a fixed order.
enum VectorLoops {
    /// `Σₖ x[k]·y[k]`: sixteen partial sums, lane `l` summing the terms `k ≡ l (mod 16)` with
    /// fused multiply-adds in increasing `k`, then halved in a fixed order (lanes 0–7 plus
    /// 8–15, then 0–3 plus 4–7, …).
    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        var sums = SIMD16<Float>.zero
        for start in stride(from: 0, to: count, by: 16) {
            let lanes = Swift.min(16, count - start)
            sums.addProduct(SIMD16(x + start, lanes: lanes), SIMD16(y + start, lanes: lanes))
        }
        return total(sums)
    }

    /// The sum of sixteen partial sums, halved in a fixed order: lanes 0–7 plus 8–15, then
    /// 0–3 plus 4–7, and so on.
    @inline(__always)
    static func total(_ sums: SIMD16<Float>) -> Float {
        let eight = sums.lowHalf + sums.highHalf
        let four = eight.lowHalf + eight.highHalf
        let two = four.lowHalf + four.highHalf
        return two[0] + two[1]
    }

    /// `y[k] = y[k] + a·x[k]` (a product, then a sum, each rounded).
    @inline(__always)
    static func addScaled(_ a: Float, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        for start in stride(from: 0, to: count, by: 16) {
            let lanes = Swift.min(16, count - start)
            let sum = SIMD16(y + start, lanes: lanes) + a * SIMD16(x + start, lanes: lanes)
            sum.store(to: y + start, lanes: lanes)
        }
    }
}
