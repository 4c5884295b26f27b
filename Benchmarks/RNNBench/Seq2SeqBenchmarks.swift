import Foundation
import RNNCore
import RNNTrace

/// Seq2seq training and decoding speed, issue #3's numbers: a GRU-128 / embedding-64 attention
/// model over 356 words, batches of 32 short pairs (questions of 2–8 words, answers of 3–14).
enum Seq2SeqBenchmarks {
    static func run(quick: Bool) {
        var generator = SeededGenerator(seed: 2)
        let vocabulary = 356
        let model = Seq2SeqModel(
            shape: .init(cell: .gru, vocabularySize: vocabulary, embeddingSize: 64, hiddenSize: 128), generator: &generator)
        let optimizer = Adam(parameters: model.parameters, learningRate: 0.005)
        func sentence(_ lengths: ClosedRange<Int>) -> [Int] {
            (0..<(lengths.lowerBound + generator.nextInt(below: lengths.count))).map { _ in 4 + generator.nextInt(below: vocabulary - 4) }
        }
        // Pairs in the order the lessons use (`Seq2SeqBatch.decodingOrder`).
        let batches = (0..<8).map { _ in
            let sources = (0..<32).map { _ in sentence(2...8) }, targets = (0..<32).map { _ in sentence(3...14) }
            let order = Seq2SeqBatch.decodingOrder(answerLengths: targets.map(\.count))
            return Seq2SeqBatch(sources: order.map { sources[$0] }, targets: order.map { targets[$0] })
        }
        var next = 0
        let stepSeconds = Measure.secondsPerCall(minimumSeconds: quick ? 0.3 : 1.5) {
            model.trainStep(batches[next % batches.count], optimizer: optimizer, clip: 5)
            next += 1
        }
        let question = sentence(5...5)
        let greedySeconds = Measure.secondsPerCall(minimumSeconds: quick ? 0.1 : 0.5) {
            _ = model.greedyDecode(question, maxLength: 14)
        }
        let beamSeconds = Measure.secondsPerCall(minimumSeconds: quick ? 0.1 : 0.5) {
            _ = model.beamSearch(question, width: 4, maxLength: 14)
        }
        var table = Table(header: ["seq2seq (GRU-128, emb 64, attention, V=356)", "value", "PyTorch", "must", "goal", ""])
        let pairs = 32 / stepSeconds
        table.rows.append([
            "training, batch 32 (pairs/s)", grouped(pairs), "2,900", "6,000", "15,000",
            pairs >= 15_000 ? "goal" : pairs >= 6_000 ? "ok" : "SLOW",
        ])
        table.rows.append(["greedy answer, 14 tokens (µs)", String(format: "%.0f", greedySeconds * 1e6), "", "< 1,000", "", greedySeconds < 1e-3 ? "ok" : "SLOW"])
        table.rows.append(["beam 4 answer, 14 tokens (µs)", String(format: "%.0f", beamSeconds * 1e6), "", "", "", ""])
        print(table.render())
        print()
    }
}
