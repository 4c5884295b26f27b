import Foundation
import Testing
@testable import RNNLessons

/// A worksheet's numbers: the trace's own where the trace has them, the rest computed by hand
/// agreeing with them and with the engine.
@Suite struct WorkedStepTests {
    /// The lesson `name` trained into a temporary folder, with `overrides`, as a loaded model.
    static func model(_ name: String, overrides: LessonOverrides = LessonOverrides()) throws -> (LoadedModel, URL) {
        let folder = try LessonTestSupport.temporaryFolder()
        let file = try LessonTestSupport.lesson(name)
        let outcome = try LessonRunner(outputFolder: folder, overrides: overrides).run(file)
        var changed = file
        changed.lesson = overrides.changing(file.lesson).applied(to: file.lesson)
        let model = try LoadedModel.lesson(changed, checkpoint: outcome.folder.appendingPathComponent("model.safetensors"),
                                           iteration: nil, folder: outcome.folder)
        return (model, folder)
    }

    static let cells: [(name: String, lesson: String, overrides: LessonOverrides)] = [
        ("rnn", "hello-rnn", LessonOverrides()), ("lstm", "hello", LessonOverrides()),
        ("gru", "hello", LessonOverrides(cell: .gru)),
    ]

    @Test(arguments: [0, 1, 2])
    func everyTracedNumberIsTheTracesAndTheSumsAddUp(_ index: Int) throws {
        let (lesson, overrides) = (Self.cells[index].lesson, Self.cells[index].overrides)
        let (model, folder) = try Self.model(lesson, overrides: overrides)
        defer { try? FileManager.default.removeItem(at: folder) }
        let trace = try model.trace(.lessonDefault).trace
        for t in [1, trace.steps.count - 1] {
            let step = try model.workedStep(at: t)
            let layer = trace.steps[t].layers[step.layer]
            let previous = trace.steps[t - 1].layers[step.layer]
            func expectRow(_ key: String, _ values: [Float], _ note: String = "") {
                guard let row = step.row(key) else { Issue.record("no row \(key)"); return }
                #expect(row.traced, "\(key)")
                #expect(row.values == Array(values.prefix(row.values.count)).map(Double.init), "\(Self.cells[index].name) t=\(t) \(key)")
            }
            expectRow("x", trace.steps[t].x)
            expectRow("h_prev", previous.h)
            if let c = previous.c { expectRow("c_prev", c) }
            if model.lesson.name == "hello-rnn" {
                expectRow("a.sum", layer.preActivations["a"]!)
                expectRow("h", layer.h)
                // W_xh x_t + W_hh h_{t−1} + the biases = a_t, by hand.
                let parts = ["a.input", "a.state", "a.bias"].map { step.row($0)!.values }
                for (u, sum) in step.row("a.sum")!.values.enumerated() {
                    #expect(abs(parts.map { $0[u] }.reduce(0, +) - sum) < 1e-4, "unit \(u)")
                }
            } else {
                let names = Self.cells[index].name == "gru" ? ["r", "z", "n"] : ["i", "f", "g", "o"]
                expectRow("u0.sum", names.map { layer.preActivations[$0]![0] })
                expectRow("u0.gate", names.map { layer.gates[$0]![0] })
                expectRow("h", layer.h)
                let keys = Self.cells[index].name == "gru" ? ["u0.input", "u0.bias", "u0.reset"] : ["u0.input", "u0.state", "u0.bias"]
                let parts = keys.map { step.row($0)!.values }
                for (g, sum) in step.row("u0.sum")!.values.enumerated() {
                    #expect(abs(parts.map { $0[g] }.reduce(0, +) - sum) < 1e-4, "\(names[g])")
                }
            }
            let p = trace.steps[t].probabilities!
            let output = try #require(step.blocks.first { $0.rows.contains { $0.key == "p" } })
            #expect(step.row("p")!.values == output.columns.map { Double(p[trace.vocabulary.firstIndex(of: $0)!]) })
        }
    }

    @Test(arguments: [0, 1, 2])
    func theBackwardStepByHandIsTheEngines(_ index: Int) throws {
        let (model, folder) = try Self.model(Self.cells[index].lesson, overrides: Self.cells[index].overrides)
        defer { try? FileManager.default.removeItem(at: folder) }
        for t in [1, 3] {
            let step = try model.workedStep(at: t)
            let byHand = (step.row("norm.dh")!.values[0], step.row("norm.dh_prev")!.values[0])
            let engine = (step.row("engine.dh")!.values[0], step.row("engine.dh_prev")!.values[0])
            #expect(abs(byHand.0 - engine.0) <= 1e-4 * max(engine.0, 1e-3), "\(Self.cells[index].name) t=\(t) ∂L/∂h_t")
            #expect(abs(byHand.1 - engine.1) <= 1e-4 * max(engine.1, 1e-3), "\(Self.cells[index].name) t=\(t) ∂L/∂h_{t-1}")
            // The finite differences agree with backpropagation (float32 forward passes: to a percent).
            #expect(step.row("check.difference")!.values[0] < 0.01, "\(Self.cells[index].name) t=\(t)")
        }
    }

    @Test func aStepOutsideTheInputOrWithoutAnOutputIsOneLine() throws {
        let (model, folder) = try Self.model("hello-rnn")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: LessonError.self) { try model.workedStep(at: 9) }
        #expect(try model.workedStep(at: nil).t == 1, "step 1 by default: h_{t-1} is not all zeros")
        #expect(try model.workedStep(at: 0).row("engine.dh") == nil, "no step before 0 to carry back to")
    }
}
