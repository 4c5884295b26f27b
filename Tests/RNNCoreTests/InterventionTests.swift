import Testing

@testable import RNNCore
import RNNTrace

/// What-if: gates clamped, units silenced, attention given — each does what it says.
@Suite("Interventions")
struct InterventionTests {
    @Test("an LSTM with f = 1 and i = 0 keeps its cell state as it started, at every step")
    func frozenCell() {
        var generator = SeededGenerator(seed: 3)
        let model = SequenceModel(shape: .init(cell: .lstm, inputSize: 4, hiddenSize: 5, layers: 1, outputSize: 4), generator: &generator)
        let layer = model.recurrent.layers[0]
        layer.intervention = LayerIntervention(clamps: [.init(gate: 1, value: 1), .init(gate: 0, value: 0)])
        let input = GradientCheck.random([6, 2, 4], seed: 4, bound: 2)
        let initial = RecurrentState(
            hidden: [GradientCheck.random([2, 5], seed: 5)], cell: [GradientCheck.random([2, 5], seed: 6)])
        model.forward(input.pointer, steps: 6, batch: 2, initialState: initial)
        for t in 0..<6 {
            let c = Array(UnsafeBufferPointer(start: layer.cellState(at: t), count: 10))
            #expect(c == initial.cell![0].values, "c_\(t)")
            let gates = Array(UnsafeBufferPointer(start: layer.gates(at: t), count: 40))
            #expect((0..<2).allSatisfy { b in (0..<5).allSatisfy { gates[b * 20 + $0] == 0 && gates[b * 20 + 5 + $0] == 1 } })
        }
    }

    @Test("silencing a unit's h gives the outputs of the weights that never read it", arguments: [CellKind.rnn, .gru, .lstm])
    func silencedUnitEqualsEditedWeights(cell: CellKind) {
        func model() -> SequenceModel {
            var generator = SeededGenerator(seed: 8)
            return SequenceModel(shape: .init(cell: cell, inputSize: 3, hiddenSize: 6, layers: 1, outputSize: 4), generator: &generator)
        }
        let input = GradientCheck.random([5, 2, 3], seed: 9)
        let silenced = model(), edited = model()
        silenced.recurrent.layers[0].intervention = LayerIntervention(silencedHidden: [2])
        // The same effect through the checkpoint's weights: nothing reads unit 2 of h.
        let hh = edited.recurrent.layers[0].weightHH, fc = edited.head.weight
        for row in 0..<hh.shape[0] { hh.value[row * 6 + 2] = 0 }
        for row in 0..<fc.shape[0] { fc.value[row * 6 + 2] = 0 }
        hh.markChanged()
        fc.markChanged()
        let a = Array(UnsafeBufferPointer(start: silenced.forward(input.pointer, steps: 5, batch: 2), count: 40))
        let b = Array(UnsafeBufferPointer(start: edited.forward(input.pointer, steps: 5, batch: 2), count: 40))
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 }, "\(cell)")
        #expect(Array(UnsafeBufferPointer(start: silenced.recurrent.layers[0].hidden(at: 4), count: 12)).enumerated()
            .allSatisfy { $0.offset % 6 != 2 || $0.element == 0 })
    }

    @Test("an intervention that touches nothing the cell has leaves the same bits")
    func neutralClamp() {
        var generator = SeededGenerator(seed: 12)
        let model = SequenceModel(shape: .init(cell: .gru, inputSize: 3, hiddenSize: 4, layers: 1, outputSize: 3), generator: &generator)
        let input = GradientCheck.random([4, 1, 3], seed: 13)
        let plain = Array(UnsafeBufferPointer(start: model.forward(input.pointer, steps: 4, batch: 1), count: 12))
        model.recurrent.layers[0].intervention = LayerIntervention(silencedCell: [1])  // a GRU has no cell state
        let again = Array(UnsafeBufferPointer(start: model.forward(input.pointer, steps: 4, batch: 1), count: 12))
        #expect(plain == again)
    }

    @Test("uniform attention reads the mean of the encoder's states; one-hot reads one")
    func attentionOverride() {
        var generator = SeededGenerator(seed: 14)
        let attention = BahdanauAttention(queryWidth: 3, valueWidth: 4, size: 5, generator: &generator)
        let values = GradientCheck.random([3, 2, 4], seed: 15)
        let mask = Tensor(shape: [3, 2], values: [1, 1, 1, 1, 1, 0])
        let state = GradientCheck.random([2, 3], seed: 16)
        attention.override = .uniform
        attention.prepare(encoderOutputs: values.pointer, sourceSteps: 3, batch: 2, mask: mask.pointer, decoderSteps: 1)
        let context = attention.step(at: 0, state: state.pointer)
        for b in 0..<2 {
            let length = b == 0 ? 3 : 2
            for k in 0..<4 {
                let mean = (0..<length).map { values[($0 * 2 + b) * 4 + k] }.reduce(0, +) / Float(length)
                #expect(abs(context[b * 4 + k] - mean) <= 1e-6)
            }
        }
        attention.override = .oneHot(1)
        let picked = attention.step(at: 0, state: state.pointer)
        for b in 0..<2 { for k in 0..<4 { #expect(picked[b * 4 + k] == values[(1 * 2 + b) * 4 + k]) } }
    }
}
