import Testing

@testable import RNNCore
import RNNTrace

/// The lecture's first example learned by each cell: "hihell" → "ihello" (lab 12-1).
@Suite("Training")
struct TrainingTests {
    static let vocabulary: [Character] = ["h", "i", "e", "l", "o"]

    static func indices(_ text: String) -> [Int] { text.map { vocabulary.firstIndex(of: $0)! } }

    /// Trains a hidden-5 model with Adam 0.1 and returns the iteration from which the
    /// prediction stayed "ihello" (nil if it never did) and the model.
    static func trainHello(cell: CellKind, iterations: Int = 50, seed: UInt64 = 777) -> (firstRight: Int?, model: SequenceModel, loss: Float) {
        var generator = SeededGenerator(seed: seed)
        let model = SequenceModel(
            shape: .init(cell: cell, inputSize: 5, hiddenSize: 5, layers: 1, outputSize: 5), generator: &generator)
        let input = OneHot.tensor(indices("hihell"), classes: 5)
        let targets = indices("ihello")
        let optimizer = Adam(parameters: model.parameters, learningRate: 0.1)
        var firstRight: Int?
        var loss: Float = .nan
        for iteration in 0..<iterations {
            loss = model.trainStep(input.pointer, steps: 6, batch: 1, targets: .classes(targets), optimizer: optimizer)
            let logits = model.forward(input.pointer, steps: 6, batch: 1)
            let predicted = (0..<6).map { row in (0..<5).max { logits[row * 5 + $0] < logits[row * 5 + $1] }! }
            if predicted == targets { firstRight = firstRight ?? iteration } else { firstRight = nil }
        }
        return (firstRight, model, loss)
    }

    @Test("learns hihell → ihello within 50 iterations", arguments: CellKind.allCases)
    func learnsHello(cell: CellKind) {
        let (firstRight, _, loss) = Self.trainHello(cell: cell)
        #expect(firstRight != nil, "\(cell) never predicted ihello")
        #expect((firstRight ?? 99) < 40, "\(cell) right only from iteration \(firstRight ?? -1)")
        #expect(loss < 0.1, "\(cell) final loss \(loss)")
    }

    @Test("same seed gives bit-identical weights; another seed does not")
    func deterministic() {
        let first = Self.trainHello(cell: .lstm, iterations: 20).model
        let second = Self.trainHello(cell: .lstm, iterations: 20).model
        let other = Self.trainHello(cell: .lstm, iterations: 20, seed: 778).model
        #expect(WeightDigest.of(first.parameters) == WeightDigest.of(second.parameters))
        #expect(WeightDigest.of(first.parameters) != WeightDigest.of(other.parameters))
    }

    /// Debug and release builds run this same test: both must reach these exact bits.
    /// (`make test` runs the suite in both configurations.)
    @Test("weights after training are the same bits in every build")
    func goldenWeights() {
        let digests = CellKind.allCases.map { WeightDigest.of(Self.trainHello(cell: $0).model.parameters) }
        #expect(digests == WeightDigest.golden, "digests \(digests.map { String($0, radix: 16) })")
    }

    @Test("SGD with momentum and gradient clipping also learn hello")
    func sgdLearns() {
        var generator = SeededGenerator(seed: 5)
        let model = SequenceModel(
            shape: .init(cell: .gru, inputSize: 5, hiddenSize: 8, layers: 1, outputSize: 5), generator: &generator)
        let input = OneHot.tensor(Self.indices("hihell"), classes: 5)
        let optimizer = SGD(parameters: model.parameters, learningRate: 0.5, momentum: 0.9)
        var loss: Float = .nan
        for _ in 0..<200 {
            loss = model.trainStep(
                input.pointer, steps: 6, batch: 1, targets: .classes(Self.indices("ihello")), optimizer: optimizer, clip: 1)
        }
        #expect(loss < 0.05)
    }

    @Test("a sum of squares adds sixteen lanes in Double in a fixed order")
    func sumOfSquaresOrder() {
        var generator = SeededGenerator(seed: 4)
        let tensor = Tensor(shape: [37])
        for index in 0..<37 { tensor[index] = (generator.nextUnitFloat() * 2 - 1) * Float(1 << (index % 9)) }
        // The defining order: lane l adds elements l, l + 16, l + 32 …; then the halving.
        var lanes = [Double](repeating: 0, count: 16)
        for index in 0..<37 { lanes[index % 16] += Double(tensor[index]) * Double(tensor[index]) }
        var width = 16
        while width > 1 {
            width /= 2
            for lane in 0..<width { lanes[lane] += lanes[lane + width] }
        }
        #expect(tensor.sumOfSquares() == lanes[0])
        let plain = (0..<37).reduce(0.0) { $0 + Double(tensor[$1]) * Double(tensor[$1]) }
        #expect(abs(tensor.sumOfSquares() - plain) <= plain * 1e-15)
    }

    @Test("clipping as the optimizer reads the gradients gives the bits of clipping them in place")
    func clippingInTheOptimizerStep() {
        for useSGD in [false, true] {
            let models = (0..<2).map { _ in
                var generator = SeededGenerator(seed: 9)
                return SequenceModel(
                    shape: .init(cell: .lstm, inputSize: 5, hiddenSize: 6, layers: 2, outputSize: 5), generator: &generator)
            }
            let optimizers: [any Optimizer] = models.map {
                useSGD ? SGD(parameters: $0.parameters, learningRate: 0.3, momentum: 0.9) as any Optimizer
                    : Adam(parameters: $0.parameters, learningRate: 0.1)
            }
            let input = OneHot.tensor(Self.indices("hihell"), classes: 5), targets = Self.indices("ihello")
            var norms: [Float] = []
            for _ in 0..<5 {
                // In place, as PyTorch's clip_grad_norm_ and step().
                let (model, optimizer) = (models[0], optimizers[0])
                optimizer.zeroGradients()
                let logits = model.forward(input.pointer, steps: 6, batch: 1)
                let gradient = Tensor(shape: [6, 5])
                _ = CrossEntropy.loss(logits: logits, targets: targets, classes: 5, gradient: gradient.pointer)
                model.backward(gradient.pointer)
                norms.append(GradientClipping.clip(model.parameters, maximum: 0.05))
                optimizer.step()
                // Fused into the step.
                models[1].trainStep(input.pointer, steps: 6, batch: 1, targets: .classes(targets), optimizer: optimizers[1], clip: 0.05)
            }
            #expect(norms.allSatisfy { $0 > 0.05 }, "the clipping must have scaled the gradients")
            #expect(WeightDigest.of(models[0].parameters) == WeightDigest.of(models[1].parameters), "SGD: \(useSGD)")
        }
    }
}

/// A 64-bit FNV-1a digest of parameter bits, for comparing weights exactly.
enum WeightDigest {
    /// RNN, LSTM and GRU (`CellKind.allCases` order) after `TrainingTests.trainHello`.
    static let golden: [UInt64] = [0x4f44_a5c8_f4ba_4bb6, 0x5e84_b716_82d7_39b7, 0x1e31_e2cc_3cc0_04f5]

    static func of(_ parameters: [Parameter]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for parameter in parameters {
            for value in parameter.value.values {
                hash = (hash ^ UInt64(value.bitPattern)) &* 0x100_0000_01b3
            }
        }
        return hash
    }
}
