import Testing

@testable import RNNCore
import RNNTrace

/// Non-finite numbers never trap: a NaN argument gives NaN, a checkpoint holding one is refused
/// naming the tensor, and a value's path is found for the error message.
@Suite("Non-finite values")
struct NonFiniteTests {
    @Test("exp, sigmoid and tanh of NaN and ±infinity return instead of trapping (Activations.swift:24 trapped)")
    func activations() {
        #expect(Activation.exp(.nan).isNaN)
        #expect(Activation.sigmoid(.nan).isNaN && Activation.tanh(.nan).isNaN)
        #expect(Activation.exp(.infinity).isFinite && Activation.exp(-.infinity).isNormal)
        #expect(Activation.sigmoid(.infinity) == 1 && Activation.tanh(-.infinity) == -1)
    }

    @Test("a GRU fed NaN computes NaN instead of trapping in the recorded gates (CellMath.swift:70)")
    func gruForwardWithNaN() {
        var generator = SeededGenerator(seed: 1)
        let model = SequenceModel(
            shape: .init(cell: .gru, inputSize: 3, hiddenSize: 4, layers: 1, outputSize: 3, readout: .everyStep), generator: &generator)
        model.parameters[1].value[5] = .nan
        model.parameters[1].markChanged()
        let input = Tensor(shape: [2, 1, 3], values: [1, 0, 0, 0, 1, 0])
        let logits = model.forward(input.pointer, steps: 2, batch: 1, recorder: StepHistory())
        #expect(UnsafeBufferPointer(start: logits, count: 6).contains { $0.isNaN })
    }

    @Test("a checkpoint with a non-finite weight is refused, naming the tensor and the place")
    func nonFiniteWeight() throws {
        var generator = SeededGenerator(seed: 2)
        let model = SequenceModel(
            shape: .init(cell: .gru, inputSize: 3, hiddenSize: 4, layers: 1, outputSize: 3, readout: .everyStep), generator: &generator)
        var tensors = model.namedTensors
        let hh = tensors.firstIndex { $0.name == "rnn.weight_hh_l0" }!
        tensors[hh].tensor[4 * 2 + 1] = .infinity
        let file = try SafeTensors.decode(SafeTensors.encode(tensors, metadata: [:]), source: "m.safetensors")
        #expect(throws: CheckpointError(source: "m.safetensors", message: "tensor 'rnn.weight_hh_l0' holds inf at [2, 1]; expected finite weights")) {
            try SequenceModel(checkpoint: file, source: "m.safetensors")
        }
    }

    @Test("the first non-finite value is found by its path")
    func path() {
        struct Layer { var h: [Float]; var gates: [String: [Float]] }
        struct Step { var layers: [Layer]; var loss: Double? }
        let steps = [
            Step(layers: [Layer(h: [0, 1], gates: ["r": [0.5]])], loss: 1),
            Step(layers: [Layer(h: [0, 1], gates: ["r": [0.5], "z": [0, -.nan]])], loss: nil),
        ]
        #expect(NonFiniteValue.first(in: steps) == "[1].layers[0].gates.z[1] is nan")
        #expect(NonFiniteValue.first(in: [Step(layers: [], loss: -.infinity)]) == "[0].loss is -inf")
        #expect(NonFiniteValue.first(in: steps[0]) == nil)
        #expect(NonFiniteValue.first(in: NestedArray([1, .infinity], shape: [2])) == "[1] is inf")
    }
}
