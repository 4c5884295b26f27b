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
