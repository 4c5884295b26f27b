import Foundation
import Testing

@testable import RNNLessons

/// `rnnlab compare`'s plan: variations read and checked before any training, the grid of runs,
/// the seeds, matched parameter counts, and the summary files.
@Suite("Comparisons")
struct ComparisonTests {
    static func experiment(_ name: String) throws -> LessonFile {
        try LessonFile(contentsOf: LessonTestSupport.lessons.appendingPathComponent("experiments/\(name).yaml"))
    }

    @Test(
        "a --vary that cannot be read is one line",
        arguments: [
            ("length", "--vary length: expected KEY=V1,V2,… (e.g. length=10,25,50 or cell=rnn,lstm,gru)"),
            ("colour=red,blue", "--vary colour=red,blue: unknown key \"colour\"; expected cell, hidden, layers, embedding, attention, forget_bias, bidirectional, learning_rate, iterations, batch, clip, optimizer, momentum, length, symbols, examples or window, or a key path such as train.clip"),
            ("length=10,,50", "--vary length=10,,50: an empty value; expected KEY=V1,V2,… (e.g. length=10,25,50 or cell=rnn,lstm,gru)"),
            ("cell=rnn,gru,rnn", "--vary cell=rnn,gru,rnn: rnn is given twice; expected each value once"),
            ("seed=1,2", "--vary seed=1,2: seeds are varied with --seeds N (and --seed S for the first)"),
            ("show.input=a", "--vary show.input=a: unknown key \"show.input\"; expected cell, hidden, layers, embedding, attention, forget_bias, bidirectional, learning_rate, iterations, batch, clip, optimizer, momentum, length, symbols, examples or window, or a key path such as train.clip"),
        ])
    func unreadableVariation(text: String, expected: String) {
        #expect(throws: LessonError(expected)) { try LessonVariation(parsing: text) }
    }

    @Test("every value is checked as the lesson file checks it, naming the value")
    func valuesAreChecked() throws {
        let base = try Self.experiment("why-gates")
        func error(_ variations: [String], seeds: Int? = nil) -> String? {
            do {
                _ = try Comparison(base: base, variations: try variations.map(LessonVariation.init(parsing:)), seedCount: seeds)
                return nil
            } catch { return "\(error)".replacingOccurrences(of: LessonTestSupport.root.path + "/", with: "") }
        }
        #expect(error(["hidden=8,0"]) == "--vary hidden=0: lessons/experiments/why-gates.yaml:12:41: model.hidden: 0 is not a hidden size; expected 1 to 4096 or vocab")
        #expect(error(["cell=rnn,tree"]) == "--vary cell=tree: lessons/experiments/why-gates.yaml:12:16: model.cell: \"tree\" is not a cell; expected rnn, lstm or gru")
        #expect(error(["learning_rate=0.1,-1"]) == "--vary learning_rate=-1: lessons/experiments/why-gates.yaml:13:42: train.learning_rate: -1 is not a learning rate; expected a number above 0 and at most 100")
        #expect(error(["train.clipp=1"])?.hasPrefix("--vary train.clipp=1: lessons/experiments/why-gates.yaml") == true)
        #expect(error(["train.clipp=1"])?.hasSuffix("train.clipp: unknown key; expected optimizer, learning_rate, iterations, seed, loss, batch, clip or momentum") == true)
        #expect(error(["cell=rnn"], seeds: 0) == "--seeds 0: expected 1 to 100")
        #expect(error(["cell=rnn", "cell=gru"]) == "--vary cell: the key is varied twice; expected each key once")
        #expect(error(["length=10,20", "hidden=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25"], seeds: 30)
            == "why-gates: 50 variants × 30 seeds = 1500 runs; expected at most 1000")
        let hello = try LessonTestSupport.lesson("hello")
        #expect(throws: LessonError("hello: nothing to compare; pass --cells rnn,lstm,gru or --vary KEY=V1,V2,…, or give the lesson a compare: { vary: [...] } section")) {
            try Comparison(base: hello)
        }
    }

    @Test("the grid: the first key varies slowest, seeds fastest, each run the lesson with its values")
    func grid() throws {
        let comparison = try Comparison(base: try Self.experiment("why-gates"), seedCount: 2, firstSeed: 40)
        #expect(comparison.variations.map(\.key) == ["length", "cell"] && comparison.seeds == [40, 41])
        #expect(comparison.variants.count == 4 * 3 * 2)
        let first = comparison.variants[0], third = comparison.variants[2], last = comparison.variants.last!
        #expect(first.label == "length=10 cell=rnn" && first.seed == 40 && comparison.variants[1].seed == 41)
        #expect(third.label == "length=10 cell=lstm" && last.label == "length=100 cell=gru" && last.seed == 41)
        #expect(first.file.lesson.data.length == 10...10 && first.file.lesson.model.cell == .rnn && first.file.lesson.train.seed == 40)
        #expect(last.file.lesson.data.length == 100...100 && last.file.lesson.model.cell == .gru && last.file.lesson.train.iterations == 1500)
        #expect(comparison.references.count == 2 && comparison.metric?.name == "test_mse")
    }

    @Test("--match-params gives every cell about the parameters of the lesson's own model")
    func matchedParameters() throws {
        let base = try Self.experiment("why-gates")
        let comparison = try Comparison(
            base: base, variations: [try LessonVariation(parsing: "cell=rnn,lstm,gru")], seedCount: 1, matchParameters: true)
        let counts = try comparison.variants.map { variant in
            try Comparison.parameterCount(base, cell: variant.file.lesson.model.cell, hidden: { if case .size(let h) = variant.file.lesson.model.hidden { h } else { 0 } }())
        }
        let own = try Comparison.parameterCount(base, cell: .lstm, hidden: 32)
        #expect(counts[1] == own)
        for count in counts { #expect(abs(Double(count - own)) / Double(own) < 0.05, "\(counts) against \(own)") }
        #expect(comparison.notes.first?.hasPrefix("parameters matched to lstm hidden 32 (4641 parameters): rnn hidden ") == true)
        #expect(throws: LessonError("--match-params chooses the hidden sizes; do not vary hidden as well")) {
            try Comparison(base: base, variations: [try LessonVariation(parsing: "hidden=8,16")], matchParameters: true)
        }
    }

    @Test("a seq2seq lesson has no metric to sweep; its loss curves can still be compared")
    func noMetric() throws {
        let chatbot = try LessonTestSupport.lesson("chatbot")
        let sweep = try Comparison(base: chatbot, variations: [try LessonVariation(parsing: "hidden=16,32")])
        #expect(throws: LessonError("chatbot: a seq2seq lesson has no single number to plot against hidden; vary keys without a sweep (e.g. --cells rnn,lstm,gru) to compare its loss curves")) {
            try sweep.checkDrawable()
        }
        try Comparison(base: chatbot, variations: [try LessonVariation(parsing: "cell=gru,lstm")]).checkDrawable()
    }

    @Test("runs of a comparison give its trace and summary files: a row per variant and seed")
    func runsAndSummary() throws {
        let comparison = try Comparison(
            base: try LessonTestSupport.lesson("hello"), variations: [try LessonVariation(parsing: "cell=rnn,gru")], seedCount: 2)
        let runs = try comparison.variants.indices.map { try comparison.run($0) }
        let trace = comparison.trace(runs)
        #expect(trace.groups.map(\.settings) == [["rnn"], ["gru"]] && trace.groups.allSatisfy { $0.runs.count == 2 })
        #expect(trace.runs.map(\.seed) == [777, 778, 777, 778] && trace.runs.allSatisfy { $0.loss.count == 51 })
        #expect(runs[0].model.cell == .rnn && runs[2].model.cell == .gru && runs[0].gradientFlow != nil)
        let csv = ComparisonSummary.csv(trace).split(separator: "\n")
        #expect(csv.count == 5)
        #expect(csv[0] == "cell,seed,accuracy,final_loss,first_correct_iteration,iterations,training_examples,seconds,parameters")
        #expect(csv[1].hasPrefix("rnn,777,") && csv[4].hasPrefix("gru,778,"))
        let json = try JSONSerialization.jsonObject(with: Data(try ComparisonSummary.json(trace))) as? [String: Any]
        let rows = json?["rows"] as? [[String: Any]]
        #expect(rows?.count == 4 && rows?[0]["cell"] as? String == "rnn" && rows?[0]["seed"] as? Int == 777)
        #expect(rows?[3]["parameters"] as? Int == runs[3].model.parameterCount)
        // The same seed gives the same run (but for the time it took).
        var again = try comparison.run(1)
        again.seconds = runs[1].seconds
        #expect(again == runs[1])
    }

    @Test("a run whose loss stops being finite is a result, not a failure")
    func divergedRun() throws {
        let variations = try ["optimizer=sgd", "learning_rate=10", "iterations=20"].map(LessonVariation.init(parsing:))
        let comparison = try Comparison(base: try LessonTestSupport.lesson("stock"), variations: variations)
        let run = try comparison.run(0)
        let iteration = try #require(run.result["diverged_at"])
        #expect(run.loss.count == Int(iteration) && run.loss.allSatisfy(\.isFinite))
        #expect(run.model.cell == .lstm && run.model.parameterCount == 691 && run.gradientFlow == nil)
    }

    @Test("a lesson file's values replace keys as if the file said so")
    func patched() throws {
        let hello = try LessonTestSupport.lesson("hello")
        let patched = try hello.patched([(["model", "cell"], "gru"), (["train", "batch"], "2")])
        #expect(patched.lesson.model.cell == .gru && patched.lesson.train.batch == 2 && patched.lesson.data == hello.lesson.data)
        #expect(throws: LessonError.self) { try hello.patched([(["model", "layers"], "9")]) }
    }
}
