import Foundation

/// Mean cross-entropy of softmax over classes, averaged over every (sequence, step) row —
/// TensorFlow's `sequence_loss` with unit weights, and PyTorch's `cross_entropy` with
/// `reduction="mean"` and `ignore_index`.
public enum CrossEntropy {
    /// The target index that marks a padded row: it adds nothing to the loss or its gradient.
    public static let ignoredTarget = -1

    /// Computes the loss of `rows` rows of `classes` logits against `targets`.
    ///
    /// - Parameters:
    ///   - probabilities: if given, receives softmax(logits), `[rows][classes]`.
    ///   - gradient: if given, receives ∂loss/∂logits, `[rows][classes]`.
    /// - Returns: the mean over rows whose target is not `ignoredTarget` (0 when there are none).
    @discardableResult
    public static func loss(
        logits: UnsafePointer<Float>, targets: [Int], classes: Int,
        probabilities: UnsafeMutablePointer<Float>? = nil, gradient: UnsafeMutablePointer<Float>? = nil
    ) -> Float {
        let counted = targets.filter { $0 != ignoredTarget }.count
        let scale = counted == 0 ? 0 : 1 / Float(counted)
        var total = 0.0
        withUnsafeTemporaryAllocation(of: Float.self, capacity: classes) { buffer in
            let exponentials = buffer.baseAddress!
            for (row, target) in targets.enumerated() {
                precondition(
                    target == ignoredTarget || (0..<classes).contains(target), "target \(target) outside 0..<\(classes)")
                let line = logits + row * classes
                var largest = line[0]
                for j in 1..<classes { largest = Swift.max(largest, line[j]) }
                for j in 0..<classes { exponentials[j] = line[j] - largest }
                Activation.exp(exponentials, exponentials, count: classes)
                var sum: Float = 0
                for j in 0..<classes { sum = sum + exponentials[j] }
                if target != ignoredTarget { total += Foundation.log(Double(sum)) - Double(line[target] - largest) }
                probabilities.map { output in for j in 0..<classes { output[row * classes + j] = exponentials[j] / sum } }
                guard let gradient else { continue }
                let out = gradient + row * classes
                if target == ignoredTarget {
                    out.update(repeating: 0, count: classes)
                } else {
                    for j in 0..<classes { out[j] = exponentials[j] / sum * scale }
                    out[target] = (exponentials[target] / sum - 1) * scale
                }
            }
        }
        return Float(total) * scale
    }

    /// softmax of each of `rows` rows of `classes` logits, into `probabilities`.
    public static func softmax(
        logits: UnsafePointer<Float>, rows: Int, classes: Int, into probabilities: UnsafeMutablePointer<Float>
    ) {
        loss(
            logits: logits, targets: Array(repeating: ignoredTarget, count: rows), classes: classes,
            probabilities: probabilities)
    }
}
