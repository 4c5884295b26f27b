import Foundation
import RNNLessons
import Testing

/// Traces read from files: their format version, sizes and vectors checked before anything is
/// drawn from them, each problem one line naming the place.
@Suite("Trace files")
struct TraceFileTests {
    /// hello's trace as a JSON object, to be edited.
    static func helloTrace() throws -> [String: Any] {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try LessonRunner(outputFolder: folder).run(LessonTestSupport.lesson("hello"))
        return try #require(JSONSerialization.jsonObject(with: Data(contentsOf: outcome.files[0])) as? [String: Any])
    }

    /// The one-line error of reading `object` as `trace.json`, or `nil` when it reads.
    static func readError(_ object: [String: Any]) throws -> String? {
        let bytes = [UInt8](try JSONSerialization.data(withJSONObject: object))
        do {
            _ = try TraceFile.decode(bytes, from: URL(fileURLWithPath: "trace.json"))
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// `object` with `edit` applied to its steps.
    static func editingSteps(_ object: [String: Any], _ edit: (inout [[String: Any]]) -> Void) -> [String: Any] {
        var result = object
        var steps = object["steps"] as! [[String: Any]]
        edit(&steps)
        result["steps"] = steps
        return result
    }

    @Test(
        "the lessons' traces read back: a character model, a regression, a classifier (whose outputs are its labels, not its words)",
        arguments: ["hello", "stock", "sentiment"])
    func shippedLessonsReadBack(_ name: String) throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let quick = try LessonTestSupport.lesson(name).patched([(["train", "iterations"], "2")])
        let outcome = try LessonRunner(outputFolder: folder).run(quick)
        #expect(try TraceFile.read(outcome.files[0]).lesson.name == name)
    }

    @Test("a trace of another format version is refused first, saying which (formatVersion 99 was accepted)")
    func formatVersion() throws {
        var trace = try Self.helloTrace()
        #expect(try Self.readError(trace) == nil)
        trace["formatVersion"] = 99
        #expect(try Self.readError(trace) == "trace.json: written by a newer rnnlab (trace format 99; this one reads 1); run it again with `rnnlab run`")
        trace["formatVersion"] = 0
        #expect(try Self.readError(trace)?.contains("written by an older rnnlab (trace format 0") == true)
    }

    @Test("vectors shorter or longer than the model says, and sizes past the limits, are named")
    func inconsistent() throws {
        let trace = try Self.helloTrace()
        let short = Self.editingSteps(trace) { steps in
            var layers = steps[2]["layers"] as! [[String: Any]]
            layers[0]["h"] = [0.1, 0.2]
            steps[2]["layers"] = layers
        }
        #expect(try Self.readError(short) == "trace.json: not a trace as rnnlab run writes it: steps[2].layers[0].h has 2 values; expected 5 (the hidden size)")
        var wide = trace
        var model = trace["model"] as! [String: Any]
        model["hiddenSize"] = 100_000
        wide["model"] = model
        #expect(try Self.readError(wide) == "trace.json: not a trace as rnnlab run writes it: model.hiddenSize is 100000; expected 1 to 4096")
        let renumbered = Self.editingSteps(trace) { steps in steps[1]["t"] = 7 }
        #expect(try Self.readError(renumbered) == "trace.json: not a trace as rnnlab run writes it: steps[1].t is 7; expected 1")
        var flow = trace
        var gradientFlow = trace["gradientFlow"] as! [String: Any]
        gradientFlow["outputStep"] = 40
        flow["gradientFlow"] = gradientFlow
        #expect(try Self.readError(flow) == "trace.json: not a trace as rnnlab run writes it: gradientFlow.outputStep is 40; expected 0 to 5")
    }

    @Test("the cell, task and attention are names the trace format knows; another is named with what is allowed")
    func kindNames() throws {
        let trace = try Self.helloTrace()
        func editing(_ key: String, _ field: String, _ value: String) -> [String: Any] {
            var result = trace
            var part = trace[key] as! [String: Any]
            part[field] = value
            result[key] = part
            return result
        }
        #expect(try Self.readError(editing("model", "cell", "tree"))
            == "trace.json: at .model.cell: \"tree\" is not a cell; expected rnn, lstm or gru")
        #expect(try Self.readError(editing("lesson", "task", "next-word"))
            == "trace.json: at .lesson.task: \"next-word\" is not a task; expected next-char, regression, classify, generate or seq2seq")
        #expect(try Self.readError(editing("model", "attention", "luong"))
            == "trace.json: at .model.attention: \"luong\" is not an attention; expected bahdanau or none")
    }

    @Test("a trace of more steps than any input is refused; steps repeated within the limit are read")
    func stepCount() throws {
        let trace = try Self.helloTrace()
        func repeated(_ times: Int) -> [String: Any] {
            Self.editingSteps(trace) { steps in
                let one = steps
                steps = (0..<times).flatMap { _ in one }
                for t in steps.indices { steps[t]["t"] = t }
            }
        }
        #expect(try Self.readError(repeated(100)) == nil)
        #expect(try Self.readError(repeated(1700)) == "trace.json: not a trace as rnnlab run writes it: the number of steps is 10200; expected 1 to 10000")
    }
}
