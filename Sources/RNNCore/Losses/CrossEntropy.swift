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
    ///   - count: the number of rows the mean is taken over; by default, the rows whose target
    ///     is not `ignoredTarget`. Parts of a batch computed apart are given the whole batch's
    ///     count, so that their losses and gradients add up to the whole batch's.
    /// - Returns: the sum of the terms of the rows whose target is not `ignoredTarget`, divided by
    ///   `count` (by default, their mean; 0 when there are none).
    ///
    /// Large inputs are shared between two threads by rows; each row's term is kept and the
    /// terms are added in row order, so the result does not depend on the sharing.
    @discardableResult
    public static func loss(
        logits: UnsafePointer<Float>, targets: [Int], classes: Int,
        probabilities: UnsafeMutablePointer<Float>? = nil, gradient: UnsafeMutablePointer<Float>? = nil,
        meanOver count: Int? = nil
    ) -> Float {
        for target in targets {
            precondition(
                target == ignoredTarget || (0..<classes).contains(target), "target \(target) outside 0..<\(classes)")
        }
        let counted = count ?? targets.filter { $0 != ignoredTarget }.count
        let scale = counted == 0 ? 0 : 1 / Float(counted)
        let rows = targets.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: rows) { buffer in
            let terms = buffer.baseAddress!
            let middle = rows * classes >= MatrixMultiply.splitElements ? rows / 2 : 0
            targets.withUnsafeBufferPointer { targets in
                TwoThreads.run(splitting: 0..<rows, at: middle) { part in
                    let row = Row(classes: classes, scale: scale)
                    for index in part {
                        terms[index] = row.compute(
                            logits + index * classes, target: targets[index],
                            probabilities: probabilities.map { $0 + index * classes },
                            gradient: gradient.map { $0 + index * classes })
                    }
                }
            }
            var total = 0.0
            for index in 0..<rows { total += terms[index] }
            return Float(total) * scale
        }
    }

    /// softmax of one row of scores.
    public static func softmax(_ logits: [Float]) -> [Float] {
        var probabilities = [Float](repeating: 0, count: logits.count)
        logits.withUnsafeBufferPointer { input in
            probabilities.withUnsafeMutableBufferPointer {
                softmax(logits: input.baseAddress!, rows: 1, classes: logits.count, into: $0.baseAddress!)
            }
        }
        return probabilities
    }

    /// One row's softmax, loss term and gradient.
    private struct Row {
        let classes: Int
        let scale: Float

        /// Writes the row's probabilities and gradient (when asked) and returns its loss term,
        /// `log Σ exp(z − max) − (z_target − max)` (0 for an ignored row).
        func compute(
            _ line: UnsafePointer<Float>, target: Int, probabilities: UnsafeMutablePointer<Float>?,
            gradient: UnsafeMutablePointer<Float>?
        ) -> Double {
            withUnsafeTemporaryAllocation(of: Float.self, capacity: classes) { buffer in
                let exponentials = buffer.baseAddress!
                let largest = Self.largest(line, count: classes)
                // e^(z − max), summed in sixteen lanes (one chain of additions per lane, not one
                // for the whole row; the row's last, short chunk first, as `RowChunks` walks it),
                // then across the lanes in a fixed order.
                var lanes = SIMD16<Float>.zero
                for (_, j, chunk) in RowChunks(count: classes) {
                    let exponential = Activation.exp(chunk.load(line + j) - SIMD16(repeating: largest))
                    chunk.store(exponential, exponentials + j)
                    lanes = lanes + chunk.masked(exponential)
                }
                let sum = VectorLoops.total(lanes)
                probabilities.map { output in for j in 0..<classes { output[j] = exponentials[j] / sum } }
                if let gradient {
                    if target == ignoredTarget {
                        gradient.update(repeating: 0, count: classes)
                    } else {
                        for j in 0..<classes { gradient[j] = exponentials[j] / sum * scale }
                        gradient[target] = (exponentials[target] / sum - 1) * scale
                    }
                }
                return target == ignoredTarget ? 0 : Foundation.log(Double(sum)) - Double(line[target] - largest)
            }
        }

        /// The largest of `count` values, sixteen lanes at a time (a maximum does not depend on
        /// the order it is taken in).
        static func largest(_ values: UnsafePointer<Float>, count: Int) -> Float {
            // (Spelled with `replacing(with:where:)`, which compiles to masked moves; the
            // generic `pointwiseMax` and `max()` go lane by lane.)
            var lanes = SIMD16<Float>(repeating: -.infinity)
            var j = 0
            while j + 16 <= count {
                let next = UnsafeRawPointer(values + j).loadUnaligned(as: SIMD16<Float>.self)
                lanes = lanes.replacing(with: next, where: lanes .< next)
                j += 16
            }
            let eight = lanes.lowHalf.replacing(with: lanes.highHalf, where: lanes.lowHalf .< lanes.highHalf)
            let four = eight.lowHalf.replacing(with: eight.highHalf, where: eight.lowHalf .< eight.highHalf)
            var result = Swift.max(Swift.max(four[0], four[1]), Swift.max(four[2], four[3]))
            while j < count {
                result = Swift.max(result, values[j])
                j += 1
            }
            return result
        }
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
