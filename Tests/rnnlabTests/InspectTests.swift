import Foundation
import Testing
@testable import rnnlab

/// `inspect` as a table, JSON and CSV.
@Suite struct InspectTests {
    /// Splits one CSV line, honouring quotes.
    private func fields(_ line: Substring) -> [String] {
        var fields = [""], quoted = false, previous: Character = " "
        for c in line {
            if c == "\"" { quoted.toggle(); if !quoted || previous != "\"" { previous = c; continue } }
            if c == "," && !quoted { fields.append("") } else { fields[fields.count - 1].append(c) }
            previous = c
        }
        return fields
    }

    @Test func csvHasOneRowPerStepLayerQuantityUnit() throws {
        let trace = TestTraces.gru2()
        let lines = InspectExport.csv(trace).split(separator: "\n")
        #expect(lines.first == "step,token,layer,quantity,unit,value")
        #expect(lines.count - 1 == 11 * 2 * 4 * 6)
        for line in lines.dropFirst() {
            let f = fields(line)
            #expect(f.count == 6, "\(line)")
            let step = trace.steps[Int(f[0])!], layer = step.layers[Int(f[2])!], unit = Int(f[4])!
            #expect(f[1] == step.inputToken)
            let expected = f[3] == "h" ? layer.h[unit] : layer.gates[f[3]]![unit]
            #expect(Float(f[5]) == expected)
        }
        #expect(lines.contains { $0.hasPrefix("5,\" \",0,h,0,") })
    }

    @Test func csvOfAnLSTMHasCellStatesAndFourGates() {
        let lines = InspectExport.csv(TestTraces.hello()).split(separator: "\n").dropFirst()
        #expect(lines.count == 6 * 6 * 5)
        #expect(Set(lines.map { fields($0)[3] }) == ["h", "c", "i", "f", "g", "o"])
    }

    /// A seq2seq trace's decoder steps follow the encoder's, numbered on as `view` numbers them.
    @Test func csvOfASeq2seqTraceHasTheDecoderStepsAndAttention() throws {
        let trace = TestTraces.chatbot()
        let decoder = try #require(trace.decoder)
        let rows = InspectExport.csv(trace).split(separator: "\n").dropFirst().map(fields)
        let decoderRows = rows.filter { Int($0[0])! >= trace.steps.count }
        #expect(Set(decoderRows.map { Int($0[0])! }) == Set(trace.steps.count..<(trace.steps.count + decoder.count)))
        for row in decoderRows {
            let step = decoder[Int(row[0])! - trace.steps.count], unit = Int(row[4])!
            #expect(row[1] == step.inputToken)
            let expected = switch row[3] {
            case "s": step.state[unit]
            case "context": step.context![unit]
            default: step.attention![unit]
            }
            #expect(Float(row[5]) == expected, "\(row)")
        }
        let attention = decoderRows.filter { $0[3] == "attention" }
        #expect(attention.count == decoder.count * trace.steps.count)
        #expect(decoderRows.filter { $0[3] == "s" }.count == decoder.count * decoder[0].state.count)
        #expect(rows.count == decoderRows.count + trace.steps.count * InspectQuantities(trace).series.count * trace.model.hiddenSize)
    }

    @Test func jsonParsesBack() throws {
        for (_, trace) in TestTraces.all {
            let text = try InspectExport.json(trace)
            let decoded = try JSONDecoder().decode(InspectExport.Document.self, from: Data(text.utf8))
            #expect(decoded == InspectExport.document(trace))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let steps = try #require(object["steps"] as? [[String: Any]])
            #expect(steps.count == trace.steps.count)
            let layers = try #require(steps.first?["layers"] as? [[String: Any]])
            #expect(layers.count == trace.model.layers)
            #expect((layers.first?["h"] as? [Double])?.count == trace.model.hiddenSize)
        }
        let chat = InspectExport.document(TestTraces.chatbot())
        #expect(chat.decoder?.count == 4)
        #expect(chat.decoder?.first?.attention?.count == 5)
        #expect(InspectExport.document(TestTraces.hello()).gates == ["i", "f", "g", "o"])
    }

    @Test func tableHasASectionPerQuantityAndFitsTheWidth() {
        let text = InspectTable.render(TestTraces.long(), width: 70, colorMode: .truecolor)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 70 })
        let plain = DisplayWidth.stripEscapes(text)
        for title in ["hidden state h", "cell state c", "input gate i", "forget gate f", "candidate g", "output gate o"] {
            #expect(plain.contains(title))
        }
        #expect(plain.contains("steps 0…7"))
        #expect(plain.contains("h[23]"))
        let gru = InspectTable.render(TestTraces.gru2())
        #expect(gru.contains("layer 1 · update gate z") && !gru.contains("layer 2"), "layers count from 0")
        #expect(!gru.contains("\u{1B}"))
        #expect(gru.contains("0 h") && gru.contains("10 d"))
    }
}
