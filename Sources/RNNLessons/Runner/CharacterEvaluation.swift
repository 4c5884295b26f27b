import RNNCore

/// A next-character model judged on a part of its text, a batch of windows at a time: the mean
/// cross-entropy over every step read, the share of next characters predicted right, and how
/// much of the text its predictions rebuild.
struct CharacterEvaluation {
    /// The mean cross-entropy over every step of the examples read.
    let loss: Double
    /// The share of steps whose most likely character is the next one.
    let accuracy: Double
    /// When every window was read: the share of the part's characters (after its first) right in
    /// the text rebuilt as lab 12-4 prints it — every prediction of the first window, then the
    /// last prediction of each following window; for a sample of windows, the share right among
    /// their last predictions (each character predicted from a full window before it).
    let rebuiltAccuracy: Double

    /// Runs `model` on `examples` of `windows` in batches of `batchSize`.
    init(model: SequenceModel, windows: CharacterWindows, examples: [Int], batchSize: Int) {
        let classes = windows.corpus.vocabulary.count
        let steps = windows.length
        var weightedLoss = 0.0, hits = 0, rows = 0
        var rebuilt = 0, rebuiltCount = 0
        let everyWindow = examples.count == windows.count
        for part in EvaluationSample.batches(examples, size: batchSize) {
            let batch = windows.batch(part)
            let logits = model.forward(batch.input.pointer, steps: steps, batch: batch.batch, hotIndices: batch.hotIndices)
            let loss = CrossEntropy.loss(logits: logits, targets: batch.classes, classes: classes)
            let predicted = TokenPrediction.indices(logits: logits, rows: batch.classes.count, classes: classes)
            weightedLoss += Double(loss) * Double(batch.classes.count)
            rows += batch.classes.count
            hits += zip(predicted, batch.classes).filter { $0 == $1 }.count
            // Rows are time-major: row t·batch + b is window b's step t.
            for (b, example) in part.enumerated() {
                let rebuiltSteps = everyWindow && example == 0 ? Array(0..<steps) : [steps - 1]
                for t in rebuiltSteps where predicted[t * part.count + b] == batch.classes[t * part.count + b] { rebuilt += 1 }
                rebuiltCount += rebuiltSteps.count
            }
        }
        // One batch gives its loss exactly: the product with the row count is exact in a Double.
        loss = weightedLoss / Double(max(rows, 1))
        accuracy = Double(hits) / Double(max(rows, 1))
        rebuiltAccuracy = Double(rebuilt) / Double(max(rebuiltCount, 1))
    }
}
