extension Tensor {
    /// The largest singular value σ_max of this `[rows][columns]` matrix: how much it can
    /// stretch a vector at most, `max ‖A v‖ / ‖v‖`.
    ///
    /// Power iteration on `AᵀA` in `Double`, from the all-ones vector, until the estimate
    /// changes by less than one part in 10⁹ or after `maximumIterations`: the same steps, and
    /// so the same result, on every machine. Each iteration costs two matrix–vector products.
    public func largestSingularValue(maximumIterations: Int = 500) -> Double {
        precondition(shape.count == 2, "a singular value needs a matrix, not shape \(shape)")
        let rows = shape[0], columns = shape[1]
        guard rows > 0, columns > 0 else { return 0 }
        var v = [Double](repeating: 1 / Double(columns).squareRoot(), count: columns)
        var av = [Double](repeating: 0, count: rows)
        var estimate = 0.0
        for _ in 0..<maximumIterations {
            // av = A v
            for r in 0..<rows {
                var sum = 0.0
                for c in 0..<columns { sum += Double(pointer[r * columns + c]) * v[c] }
                av[r] = sum
            }
            let stretch = (av.reduce(0) { $0 + $1 * $1 }).squareRoot()
            guard stretch > 0 else { return 0 }
            // v = Aᵀ(A v), normalised
            for c in 0..<columns { v[c] = 0 }
            for r in 0..<rows {
                let scaled = av[r]
                for c in 0..<columns { v[c] += Double(pointer[r * columns + c]) * scaled }
            }
            let norm = (v.reduce(0) { $0 + $1 * $1 }).squareRoot()
            guard norm > 0 else { return stretch }
            for c in 0..<columns { v[c] /= norm }
            let converged = abs(stretch - estimate) <= 1e-9 * stretch
            estimate = stretch
            if converged { break }
        }
        return estimate
    }
}
