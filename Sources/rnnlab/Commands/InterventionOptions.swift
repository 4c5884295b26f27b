import ArgumentParser
import Foundation
import RNNLessons
import RNNRender
import RNNTrace

/// `--clamp`, `--zero`, `--attention`, `--force`: what if the trained network computed
/// otherwise? `step` and `inspect` print what changed (before → after) and write
/// `OUT/NAME/whatif/` (`predictions.png`, `hidden-difference.png`); `sample` prints the text as
/// trained above the text with the intervention; `chat` answers with it and notes the answer as
/// trained.
struct InterventionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Hold a gate at a value at every step: f=0 (forget everything), i=0@3,5 (units 3 and 5), o=1:1 (layer 1).",
        valueName: "GATE=VALUE[@UNITS][:LAYER]"))
    var clamp: [String] = []

    @Option(name: .long, help: ArgumentHelp("Silence units at every step: h@3 or c@2,7:1.", valueName: "h|c@UNITS[:LAYER]"))
    var zero: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Attention given instead of computed (seq2seq with attention).", valueName: "uniform|diagonal|one-hot:J|FILE.json"))
    var attention: String?

    @Option(name: .long, help: ArgumentHelp("Make the decoder write WORD at decoder step STEP (from 0).", valueName: "STEP=WORD"))
    var force: [String] = []

    /// Whether any intervention is asked for.
    var isEmpty: Bool { clamp.isEmpty && zero.isEmpty && attention == nil && force.isEmpty }

    /// The interventions read and checked against `model`, or nil when none is asked for.
    func interventions(for model: LoadedModel) throws -> Interventions? {
        isEmpty ? nil : try Interventions(clamps: clamp, zeros: zero, attention: attention, forces: force, for: model)
    }
}

/// A what-if on one input: the traces before and after, what changed, and its figures.
struct WhatIf {
    let before: LessonTrace
    let after: LessonTrace
    let report: WhatIfReport

    /// Traces `input` without and with `interventions` (notes told once, on standard error).
    init(_ model: LoadedModel, input: ModelInput, beam: Int = 1, interventions: Interventions) throws {
        let plain = try model.trace(input, beam: beam)
        for note in plain.notes { Console.error(note) }
        before = plain.trace
        after = try model.trace(input, beam: beam, interventions: interventions).trace
        report = WhatIfReport(before: before, after: after, interventions: interventions)
    }

    /// Writes `folder/whatif/` whole and returns it.
    @discardableResult
    func writeFigures(into folder: URL, description: String) throws -> URL {
        let files = try WhatIfFigures.render(comparison: report.comparison, before: before, after: after, description: description, format: .png)
        let target = folder.appendingPathComponent("whatif")
        try FolderReplacement.write(target) { fresh in
            for file in files { try AtomicFile.write(file.bytes, to: fresh.appendingPathComponent(file.name)) }
        }
        return target
    }

    /// Prints what changed (on standard error when standard output carries data) and writes the
    /// figures next to the model.
    func tell(model: LoadedModel, interventions: Interventions, dataOnStandardOutput: Bool = false) throws {
        for line in report.lines { dataOnStandardOutput ? Console.error(line) : Console.line(line) }
        let folder = try writeFigures(into: model.folder, description: interventions.description)
        let line = "what-if figures: \(LessonFile.displayPath(folder))/"
        dataOnStandardOutput ? Console.error(line) : Console.line(line)
    }
}
