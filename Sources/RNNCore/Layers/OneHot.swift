/// One-hot encoding of class indices.
public enum OneHot {
    /// Writes `indices.count` rows of width `classes`, each zero but for a one at its index.
    public static func encode(_ indices: [Int], classes: Int, into output: UnsafeMutablePointer<Float>) {
        output.update(repeating: 0, count: indices.count * classes)
        for (row, index) in indices.enumerated() {
            precondition(index >= 0 && index < classes, "class \(index) outside 0..<\(classes)")
            output[row * classes + index] = 1
        }
    }

    /// A `[indices.count][classes]` tensor of one-hot rows.
    public static func tensor(_ indices: [Int], classes: Int) -> Tensor {
        let result = Tensor(shape: [indices.count, classes])
        encode(indices, classes: classes, into: result.pointer)
        return result
    }
}

extension OneHot {
    /// `sums[r] = start + onehot(indices[r])·Wᵀ` for every row, where `weightT` is `Wᵀ`
    /// (`[classes][width]`): a lookup of one row of `Wᵀ` each. The same bits as the product
    /// (`MatrixMultiply.multiply(…, startingFrom:)`): each sum adds its one nonzero term to
    /// `start`, and the products with zero leave it as it is.
    static func lookUp(
        _ indices: [Int], weightT: UnsafePointer<Float>, width: Int, startingFrom start: UnsafePointer<Float>,
        into sums: UnsafeMutablePointer<Float>
    ) {
        for (row, index) in indices.enumerated() {
            let out = sums + row * width, line = weightT + index * width
            for j in 0..<width { out[j] = start[j] + line[j] }
        }
    }

    /// Adds `Σ_r gradient[r]ᵀ·onehot(indices[r])` into `weightGradient` (`[width][classes]`,
    /// the gradient of a `W` applied to one-hot rows), `r` in increasing order: row `r`'s
    /// gradient goes to column `indices[r]`. The same bits as
    /// `MatrixMultiply.addTransposedProduct` over the one-hot rows, whose other terms are
    /// products with zero. `gradient` holds one row of `width` values per index.
    static func addGradient(
        _ gradient: UnsafePointer<Float>, indices: [Int], width: Int, classes: Int,
        into weightGradient: UnsafeMutablePointer<Float>
    ) {
        // Column by column is a strided walk: the columns are added as rows of the transpose.
        withUnsafeTemporaryAllocation(of: Float.self, capacity: width * classes) { buffer in
            let flipped = buffer.baseAddress!
            MatrixMultiply.transpose(weightGradient, rows: width, columns: classes, into: flipped)
            for (row, index) in indices.enumerated() {
                let target = flipped + index * width, source = gradient + row * width
                for j in 0..<width { target[j] = target[j] + source[j] }
            }
            MatrixMultiply.transpose(flipped, rows: classes, columns: width, into: weightGradient)
        }
    }

    /// Whether each of `indices.count` rows of `input` (`classes` wide) is one-hot at its index.
    static func matches(_ input: UnsafePointer<Float>, indices: [Int], classes: Int) -> Bool {
        indices.enumerated().allSatisfy { row, index in
            (0..<classes).allSatisfy { input[row * classes + $0] == ($0 == index ? 1 : 0) }
        }
    }
}
