import ArgumentParser
import Foundation
import RNNLessons
import RNNRender

/// `rnnlab cells`: the cell hunter — units of a character model that follow the position in the
/// line, quotes, brackets and more, with a causal check.
struct CellsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cells",
        abstract: "Find the units of a character model that track a probe (position in the line, quotes, brackets, …).",
        discussion: """
            Runs the trained model over a text (the lesson's, or --text FILE), correlates every unit \
            (h, and c for an LSTM, of every layer) with each probe, prints the best units with r, then \
            zeroes the best unit and reports the loss on the characters the probe concerns (line \
            breaks for position) against the loss on the others. Probes: position, quote, bracket, \
            word, vowel, space, regex:PATTERN (default: all but regex). Figures go to OUT/NAME/cells/, \
            with cells.json, which rnnlab handout draws them from.
            """)

    @OptionGroup var source: ModelOptions

    @Option(name: .long, help: "A UTF-8 text in the model's characters (default: the lesson's text).")
    var text: String?

    @Option(name: .long, help: "A probe: position, quote, bracket, word, vowel, space or regex:PATTERN (repeatable).")
    var probe: [String] = []

    @Option(name: .long, help: "Read at most this many characters of the text.")
    var length = 20_000

    @Option(name: .long, help: PageSize.help)
    var size: PageSize = .widescreen

    func validate() throws {
        if !(2...1_000_000).contains(length) { throw ValidationError("--length must be 2 to 1000000") }
    }

    func run() throws {
        let probes = try probe.isEmpty ? TextProbe.named : probe.map(TextProbe.init(parsing:))
        // A lesson that is not a character model is refused before it would be trained.
        if let name = source.lesson { try LoadedModel.requireHuntable(LessonFile(contentsOf: source.folder.lessonURL(name)).lesson) }
        let model = try source.load()
        let read = try model.huntText(file: text.map { URL(fileURLWithPath: $0) }, length: length)
        let hunt = try CellHunt(model: model, characters: read.characters, probes: probes)
        hunt.lines.forEach(Console.line)
        // What the lesson's sources measured, beside what this run found.
        for reference in model.file?.lesson.compare?.references ?? [] {
            Console.line("beside: \(reference.source)\(reference.note.map { ": " + $0 } ?? "")")
        }
        let subtitle = "\(model.lesson.name) \(model.weightsDescription) reading \(read.description)"
        let folder = model.folder.appendingPathComponent("cells")
        let record = hunt.record(subtitle: subtitle)
        try FolderReplacement.write(folder) { fresh in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            try AtomicFile.write(Array(try encoder.encode(record)), to: fresh.appendingPathComponent(CellHuntRecord.fileName))
            for portrait in record.portraits {
                for file in try CellFigures.render(portrait, format: .png, page: size) {
                    try AtomicFile.write(file.bytes, to: fresh.appendingPathComponent(file.name))
                }
            }
        }
        Console.line("figures: \(LessonFile.displayPath(folder))/")
    }
}

extension CellHunt {
    /// The best unit of each probe, as `cells/cells.json` keeps it and the figures draw it.
    func record(subtitle: String) -> CellHuntRecord {
        CellHuntRecord(subtitle: subtitle, characters: recording.characters, findings: results.compactMap { result in
            guard let best = result.best.first else { return nil }
            return CellHuntRecord.Finding(
                unit: best.unit.description(layers: recording.layers), probe: result.probe.name, probeMeaning: result.probe.meaning,
                r: best.r, values: recording.values[best.unit]!, probeValues: result.values,
                causal: result.causal == nil ? nil : causalLine(result))
        })
    }
}
