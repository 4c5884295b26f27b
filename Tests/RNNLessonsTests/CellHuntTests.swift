import Foundation
import Testing
@testable import RNNCore
@testable import RNNLessons
import RNNTrace

/// The cell hunter: probe values on a known text, Pearson's r, and a planted unit found and
/// shown to matter where it claims to.
@Suite struct CellHuntTests {
    private let text = "ab (c\"d e\")\nxy".map(String.init)

    @Test func probesGiveTheirValuesOnAKnownText() throws {
        // a b ␠ ( c " d ␠ e " ) ⏎ x y
        #expect(TextProbe.position.values(text) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2])
        #expect(TextProbe.quote.values(text) == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0])
        #expect(TextProbe.bracket.values(text) == [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0])
        #expect(TextProbe.word.values(text) == [1, 2, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 2])
        #expect(TextProbe.vowel.values(text) == [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0])
        #expect(TextProbe.space.values(text) == [0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0])
        #expect(try TextProbe(parsing: "regex:[a-c]+").values(text) == [1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(TextProbe.position.concerns(text).enumerated().filter(\.element).map(\.offset) == [11])
        #expect(TextProbe.quote.concerns(text).enumerated().filter(\.element).map(\.offset) == [5, 9])
    }

    @Test func aRegexCountsCharactersBeyondTheBasicPlaneOnce() throws {
        let emoji = "a😀b😀".map(String.init)
        #expect(try TextProbe(parsing: "regex:b.").values(emoji) == [0, 0, 1, 1])
    }

    @Test(arguments: [
        ("regex:(", "the pattern does not compile"), ("regex:", "expected regex:PATTERN"), ("postion", "no such probe; expected position"),
    ])
    func badProbesAreRefusedInOneLine(text: String, expected: String) {
        #expect { try TextProbe(parsing: text) } throws: { "\($0)".contains(expected) && !"\($0)".contains("\n") }
    }

    @Test func correlationIsPearsonsR() throws {
        #expect(try #require(CellHunt.correlation([1, 2, 3, 4], [2, 4, 6, 8])) == 1)
        #expect(try #require(CellHunt.correlation([1, 2, 3, 4], [8, 6, 4, 2])) == -1)
        // x = 1 2 3 4, y = 1 3 2 4: r = 0.8 by hand.
        #expect(abs(try #require(CellHunt.correlation([1, 2, 3, 4], [1, 3, 2, 4])) - 0.8) < 1e-12)
        #expect(CellHunt.correlation([1, 1, 1], [1, 2, 3]) == nil)
    }

    /// An LSTM whose unit 2 counts the characters since the last line break (input gate open,
    /// forget gate open but shut by a line break, candidate a constant 0.05), and whose output
    /// layer uses that count to predict the break: unit 2's c is the position, exactly.
    private func plantedModel() -> LoadedModel {
        let tokens = ["a", "b", "\n"], V = 3, H = 4
        var generator = SeededGenerator(seed: 11)
        let model = SequenceModel(
            shape: SequenceModelShape(cell: .lstm, inputSize: V, hiddenSize: H, layers: 1, outputSize: V, readout: .everyStep),
            generator: &generator)
        let layer = model.recurrent.layers[0]
        var weightIH = layer.weightIH.value.values, biasIH = layer.biasIH.value.values, weightHH = layer.weightHH.value.values
        let (i, f, g, o) = (2, H + 2, 2 * H + 2, 3 * H + 2)
        for row in [i, f, g, o] {
            for k in 0..<V { weightIH[row * V + k] = 0 }
            for k in 0..<H { weightHH[row * H + k] = 0 }
        }
        biasIH[i] = 10; biasIH[o] = 10; biasIH[f] = 10
        weightIH[f * V + 2] = -20  // a line break shuts the forget gate
        biasIH[g] = atanh(0.05)
        layer.weightIH.assign(weightIH); layer.biasIH.assign(biasIH); layer.weightHH.assign(weightHH)
        layer.biasHH.assign([Float](repeating: 0, count: 4 * H))
        // The break is likelier the longer the line: its logit grows with unit 2's h.
        var head = model.head.weight.value.values
        for k in 0..<H { head[2 * H + k] = 0 }
        head[2 * H + 2] = 12
        model.head.weight.assign(head)
        model.head.bias.assign([0, 0, -4])
        return LoadedModel(
            network: .sequence(model), vocabulary: Vocabulary(tokens: tokens, specialTokens: false),
            lesson: LessonInfo(name: "planted", title: "planted", source: "a test", task: .nextCharacter),
            file: nil, metadata: [:], iteration: nil, folder: FileManager.default.temporaryDirectory)
    }

    @Test func theHunterFindsThePlantedPositionUnitAndItMattersForLineBreaks() throws {
        var generator = SeededGenerator(seed: 3)
        var characters: [String] = []
        for _ in 0..<60 {
            let length = 3 + Int(generator.next() % 12)
            characters += (0..<length).map { _ in generator.next() % 2 == 0 ? "a" : "b" } + ["\n"]
        }
        let hunt = try CellHunt(model: plantedModel(), characters: characters, probes: [.position, .space])
        let position = hunt.results[0]
        let best = try #require(position.best.first)
        #expect(best.unit == UnitRecording.Unit(layer: 0, state: "c", unit: 2))
        #expect(best.r > 0.999)
        let check = try #require(position.causal)
        #expect(check.concerned.count == 60)
        #expect(check.concernedRise > 0.5, "zeroing the counter hurts predicting the breaks")
        #expect(check.concernedRise > 2 * check.othersRise)
        // No space in the text: nothing to correlate, said so.
        #expect(hunt.results[1].best.isEmpty)
        #expect(hunt.lines.contains { $0.hasPrefix("space: does not vary on this text") })
        #expect(hunt.lines.contains { $0.hasPrefix("position: c[2] r = 1.00") })
    }

    @Test func recordingInChunksEqualsOnePass() throws {
        let model = plantedModel()
        let characters = (0..<(LoadedModel.recordingChunk + 37)).map { $0 % 7 == 6 ? "\n" : "ab".map(String.init)[$0 % 2] }
        let chunked = try model.recordUnits(over: characters)
        guard case .sequence(let network) = model.network else { return }
        let indices = model.vocabulary.encode(characters).indices
        let input = OneHot.tensor(indices, classes: 3)
        _ = withExtendedLifetime(input) { network.forward(input.pointer, steps: indices.count, batch: 1) }
        let layer = network.recurrent.layers[0]
        let whole = (0..<indices.count).map { layer.cellState(at: $0)[1] }
        #expect(chunked.values[UnitRecording.Unit(layer: 0, state: "c", unit: 1)] == whole)
        #expect(chunked.losses.count == characters.count - 1)
    }
}
