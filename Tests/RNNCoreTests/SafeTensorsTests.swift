import Testing

@testable import RNNCore
import RNNTrace

/// Reading and writing safetensors: round trips, and clear errors for damaged files.
@Suite("safetensors")
struct SafeTensorsTests {
    static func sample() -> [UInt8] {
        SafeTensors.encode(
            [("b", Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])), ("a", Tensor(shape: [1], values: [-0.5]))],
            metadata: ["cell": "lstm", "vocabulary": "[\"h\",\"\\\"\"]"])
    }

    /// A file with `header` as its JSON header and `data` after it.
    static func file(header: String, data: [UInt8] = []) -> [UInt8] {
        let bytes = Array(header.utf8)
        return (0..<8).map { UInt8(truncatingIfNeeded: bytes.count >> (8 * $0)) } + bytes + data
    }

    static func message(_ bytes: [UInt8]) -> String {
        do {
            _ = try SafeTensors.decode(bytes, source: "m.safetensors")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test("round trip keeps values, shapes and metadata; bytes are reproducible")
    func roundTrip() throws {
        let bytes = Self.sample()
        #expect(bytes == Self.sample())
        #expect((bytes.count - 8) % 4 == 0)
        let file = try SafeTensors.decode(bytes, source: "t")
        #expect(file.tensors["b"]?.shape == [2, 3])
        #expect(file.tensors["b"]?.values == [1, 2, 3, 4, 5, 6])
        #expect(file.tensors["a"]?.values == [-0.5])
        #expect(file.metadata == ["cell": "lstm", "vocabulary": "[\"h\",\"\\\"\"]"])
    }

    @Test("other float types are converted")
    func otherTypes() throws {
        let double = (1.5 as Double).bitPattern
        let half: UInt16 = 0x3C00  // 1.0
        let brain: UInt16 = 0xC040  // -3.0
        var data = (0..<8).map { UInt8(truncatingIfNeeded: double >> (8 * UInt64($0))) }
        data += [UInt8(half & 0xFF), UInt8(half >> 8), UInt8(brain & 0xFF), UInt8(brain >> 8)]
        let header = """
            {"d":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"h":{"dtype":"F16","shape":[1],"data_offsets":[8,10]},\
            "b":{"dtype":"BF16","shape":[1],"data_offsets":[10,12]}}
            """
        let file = try SafeTensors.decode(Self.file(header: header, data: data), source: "t")
        #expect(file.tensors["d"]?.values == [1.5])
        #expect(file.tensors["h"]?.values == [1])
        #expect(file.tensors["b"]?.values == [-3])
    }

    @Test("damaged files give one clear line naming the file")
    func damaged() {
        #expect(Self.message([1, 2, 3]).hasPrefix("m.safetensors: 3 bytes is too short"))
        #expect(Self.message(Array(Self.sample().prefix(40))).contains("runs past the end of the file"))
        let huge = [UInt8](repeating: 0xFF, count: 8) + [UInt8](repeating: 0, count: 8)
        #expect(Self.message(huge).contains("runs past the end of the file"))
        #expect(Self.message(Self.file(header: "{not json")).contains("not valid JSON"))
        #expect(Self.message(Self.file(header: "[1,2]")).contains("not a JSON object"))
        let mismatch = #"{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}"#
        #expect(Self.message(Self.file(header: mismatch, data: Array(repeating: 0, count: 12))).contains("needs 16 bytes"))
        let unknown = #"{"w":{"dtype":"I8","shape":[1],"data_offsets":[0,1]}}"#
        #expect(Self.message(Self.file(header: unknown, data: [0])).contains("has dtype I8"))
        let outside = #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        #expect(Self.message(Self.file(header: outside)).contains("outside the 0 data bytes"))
        let enormous = #"{"w":{"dtype":"F32","shape":[2000000000,2000000000,2000000000],"data_offsets":[0,4]}}"#
        #expect(Self.message(Self.file(header: enormous, data: [0, 0, 0, 0])).contains("larger than the file"))
        let negative = #"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#
        #expect(Self.message(Self.file(header: negative, data: [0, 0, 0, 0])).contains("bad shape"))
    }

    @Test("data_offsets that overlap, leave a gap or leave bytes over are refused, as the reference implementation does")
    func layout() {
        let four = [UInt8](repeating: 0, count: 4)
        let overlap = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        #expect(
            Self.message(Self.file(header: overlap, data: four))
                == "m.safetensors: tensor 'b' has data_offsets [0, 4] that overlap the tensor before it (which ends at 4); "
                + "expected each tensor's data right after the one before")
        let gap = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        #expect(Self.message(Self.file(header: gap, data: four + four + four)).contains("'b' has data_offsets [8, 12] that leave a gap of 4 bytes"))
        let short = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        #expect(
            Self.message(Self.file(header: short, data: four + four))
                == "m.safetensors: the tensors' data end at byte 4 of 8; expected them to fill the file")
        let shifted = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
        #expect(Self.message(Self.file(header: shifted, data: four + four)).contains("leave a gap of 4 bytes"))
        let empty = #"{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        #expect(Self.message(Self.file(header: empty, data: four)) == "no error")
    }

    @Test("a missing tensor is named")
    func missing() throws {
        let file = try SafeTensors.decode(Self.sample(), source: "m.safetensors")
        #expect(throws: CheckpointError(source: "m.safetensors", message: "missing tensor 'fc.weight' (the file has: a, b)")) {
            try file.tensor("fc.weight", source: "m.safetensors")
        }
        #expect(throws: CheckpointError.self) { try SequenceModel(checkpoint: file, source: "m.safetensors") }
    }

    @Test("a saved model loads and computes exactly as before")
    func modelRoundTrip() throws {
        var generator = SeededGenerator(seed: 9)
        let model = SequenceModel(
            shape: .init(cell: .gru, inputSize: 3, hiddenSize: 4, layers: 2, outputSize: 2, readout: .lastStep),
            generator: &generator)
        let bytes = SafeTensors.encode(model.namedTensors, metadata: ["readout": "last-step"])
        let loaded = try SequenceModel(checkpoint: SafeTensors.decode(bytes, source: "t"), source: "t")
        #expect(loaded.shape == model.shape)
        let input = Tensor(shape: [5, 1, 3], values: (0..<15).map { Float($0) / 10 })
        let before = Array(UnsafeBufferPointer(start: model.forward(input.pointer, steps: 5, batch: 1), count: 2))
        let after = Array(UnsafeBufferPointer(start: loaded.forward(input.pointer, steps: 5, batch: 1), count: 2))
        #expect(before == after)
    }
}
