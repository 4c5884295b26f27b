/// Which examples an evaluation reads: all of them, up to a limit; beyond it, that many spread
/// evenly over the data (example `i·count/limit` for `i` in `0..<limit`), the same every time.
///
/// This keeps the time of judging a model on a book — its final loss, accuracy and validation
/// loss — near the time of a few training batches, whatever the length of the book.
enum EvaluationSample {
    /// The most training examples the final loss, accuracy and rebuilt-text score read.
    static let finalLimit = 1_024
    /// The most held-out examples each validation loss reads.
    static let validationLimit = 256
    /// The most iterations at which the validation loss is measured (iteration 0, N and evenly between).
    static let validationPoints = 21

    /// The examples read out of `count`, with at most `limit`.
    static func examples(count: Int, limit: Int) -> [Int] {
        count <= limit ? Array(0..<count) : (0..<limit).map { $0 * count / limit }
    }

    /// The iterations of `0...iterations` at which the validation loss is measured: all of them
    /// up to `validationPoints`, else `validationPoints` evenly spread, first and last included.
    static func validationIterations(_ iterations: Int) -> [Int] {
        let gaps = validationPoints - 1
        guard iterations > gaps else { return Array(0...iterations) }
        return (0...gaps).map { $0 * iterations / gaps }
    }

    /// `examples` cut into consecutive batches of at most `size`.
    static func batches(_ examples: [Int], size: Int) -> [[Int]] {
        stride(from: 0, to: examples.count, by: max(size, 1)).map { Array(examples[$0..<min($0 + max(size, 1), examples.count)]) }
    }
}
