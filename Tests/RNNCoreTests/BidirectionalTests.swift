import Foundation
import Testing

@testable import RNNCore
import RNNTrace

/// The bidirectional encoder against PyTorch 2.15 (`Resources/parity/bidirectional`, made by the
/// script beside it: `nn.GRU` / `nn.LSTM(bidirectional=True)` over packed sequences of lengths
/// 6, 4, 2) and by finite differences through its bridge to a decoder's first state.
@Suite("Bidirectional encoder")
struct BidirectionalTests {
    struct Reference: Decodable {
        var cell: String
        var num_layers: Int
        var batch: Int
        var seq_len: Int
        var input_size: Int
        var hidden_size: Int
        var lengths: [Int]
        var input: [Float]
        var output: [Float]
        var h_n: [Float]
        var c_n: [Float]?
        var w_out: [Float]
        var w_h: [Float]
        var w_c: [Float]?
        var grads: [String: [Float]]
        var grad_input: [Float]
    }

    /// A stack with the case's weights, its reference, and the input and mask time-major.
    static func load(_ name: String) throws -> (Reference, BidirectionalStack, input: Tensor, mask: Tensor) {
        let folder = try #require(Bundle.module.url(forResource: "parity", withExtension: nil)).appendingPathComponent("bidirectional")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: folder.appendingPathComponent("\(name).json")))
        let checkpoint = try SafeTensors.decode(
            [UInt8](Data(contentsOf: folder.appendingPathComponent("\(name).safetensors"))), source: name)
        var generator = SeededGenerator(seed: 1)
        let stack = BidirectionalStack(
            cell: try #require(CellKind(rawValue: reference.cell)), inputSize: reference.input_size,
            hiddenSize: reference.hidden_size, layerCount: reference.num_layers, prefix: "rnn", generator: &generator)
        for parameter in stack.parameters where !parameter.name.contains("bridge") {
            let tensor = try checkpoint.tensor(parameter.name, source: name)
            #expect(tensor.shape == parameter.shape, "\(parameter.name)")
            parameter.value.copy(from: tensor)
            parameter.markChanged()
        }
        let B = reference.batch, S = reference.seq_len, X = reference.input_size
        let input = Tensor(shape: [S, B, X]), mask = Tensor(shape: [S, B])
        for t in 0..<S {
            for b in 0..<B {
                for x in 0..<X { input[(t * B + b) * X + x] = reference.input[(b * S + t) * X + x] }
                mask[t * B + b] = t < reference.lengths[b] ? 1 : 0
            }
        }
        return (reference, stack, input, mask)
    }

    /// `[B][S][W]` batch-first values as `[S][B][W]`.
    static func timeMajor(_ values: [Float], batch: Int, steps: Int, width: Int) -> [Float] {
        var result: [Float] = []
        for t in 0..<steps {
            for b in 0..<batch {
                let start = (b * steps + t) * width
                result += values[start..<start + width]
            }
        }
        return result
    }

    static func expectClose(_ actual: [Float], _ expected: [Float], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, "\(what): size", sourceLocation: sourceLocation)
        let worst = zip(actual, expected).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-5, "\(what): largest difference \(worst)", sourceLocation: sourceLocation)
    }

    @Test("outputs, last states and every gradient match PyTorch", arguments: ["gru_bi_l1", "lstm_bi_l2"])
    func matchesPyTorch(name: String) throws {
        let (reference, stack, input, mask) = try Self.load(name)
        let B = reference.batch, S = reference.seq_len, H = reference.hidden_size, L = reference.num_layers
        let output = stack.forward(input.pointer, steps: S, batch: B, mask: mask.pointer)
        Self.expectClose(
            Array(UnsafeBufferPointer(start: output, count: S * B * 2 * H)),
            Self.timeMajor(reference.output, batch: B, steps: S, width: 2 * H), "\(name) output")
        let states = stack.directionStates()
        Self.expectClose(states.hidden.flatMap(\.values), reference.h_n, "\(name) h_n")
        if let c_n = reference.c_n { Self.expectClose(try #require(states.cell).flatMap(\.values), c_n, "\(name) c_n") }

        for parameter in stack.parameters { parameter.zeroGradient() }
        let outputGradient = Tensor(shape: [S, B, 2 * H], values: Self.timeMajor(reference.w_out, batch: B, steps: S, width: 2 * H))
        for t in 0..<S { for b in 0..<B where mask[t * B + b] == 0 { for u in 0..<2 * H { outputGradient[(t * B + b) * 2 * H + u] = 0 } } }
        func split(_ values: [Float]) -> [Tensor] {
            (0..<2 * L).map { Tensor(shape: [B, H], values: Array(values[$0 * B * H..<($0 + 1) * B * H])) }
        }
        let direct = RecurrentState(hidden: split(reference.w_h), cell: reference.w_c.map(split))
        let inputGradient = try #require(stack.backward(outputGradient: outputGradient.pointer, directionStateGradient: direct))
        Self.expectClose(
            Array(UnsafeBufferPointer(start: inputGradient, count: S * B * reference.input_size)),
            Self.timeMajor(reference.grad_input, batch: B, steps: S, width: reference.input_size), "\(name) grad_input")
        for parameter in stack.parameters where !parameter.name.contains("bridge") {
            Self.expectClose(parameter.gradient.values, try #require(reference.grads[parameter.name]), "\(name) grad \(parameter.name)")
        }
    }

    @Test("the bridge to a decoder's first state and the outputs match finite differences", arguments: CellKind.allCases)
    func bridgeGradients(cell: CellKind) {
        var generator = SeededGenerator(seed: 5)
        let (S, B, X, H) = (5, 3, 3, 4)
        let stack = BidirectionalStack(cell: cell, inputSize: X, hiddenSize: H, layerCount: 2, prefix: "encoder.rnn", generator: &generator)
        let input = GradientCheck.random([S, B, X], seed: 6)
        let mask = Tensor(shape: [S, B])
        for t in 0..<S { for b in 0..<B { mask[t * B + b] = t < [5, 3, 1][b] ? 1 : 0 } }
        let outputWeights = GradientCheck.weights(S * B * 2 * H, seed: 7)
        let stateWeights = RecurrentState(hidden: (0..<2).map { GradientCheck.weights(B * H, seed: 8 + UInt64($0)) })
        for t in 0..<S { for b in 0..<B where mask[t * B + b] == 0 { for u in 0..<2 * H { outputWeights[(t * B + b) * 2 * H + u] = 0 } } }
        func loss() -> Double {
            let output = stack.forward(input.pointer, steps: S, batch: B, mask: mask.pointer)
            let state = stack.finalState()
            return GradientCheck.dot(outputWeights, output)
                + (0..<2).reduce(0.0) { $0 + GradientCheck.dot(stateWeights.hidden[$1], state.hidden[$1].pointer) }
        }
        _ = loss()
        for parameter in stack.parameters { parameter.zeroGradient() }
        let inputGradient = stack.backward(outputGradient: outputWeights.pointer, finalStateGradient: stateWeights)!
        let analyticInput = Array(UnsafeBufferPointer(start: inputGradient, count: input.count))
        for parameter in stack.parameters {
            GradientCheck.check(
                "\(cell) \(parameter.name)", values: parameter.value, analytic: parameter.gradient.values,
                changed: parameter.markChanged, loss: loss)
        }
        GradientCheck.check("\(cell) input", values: input, analytic: analyticInput, loss: loss)
    }
}
