import ArgumentParser
import Foundation
import RNNLessons
import RNNTrace

/// What `step` and `inspect` run the model on: `--input TEXT`, `--input-json FILE`, or the
/// lesson's shown input (a model from outside: its vocabulary in order).
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: "Characters for a character lesson, a question for a seq2seq lesson.")
    var input: String?

    @Option(name: .long, help: "Feature vectors [steps][features] as JSON, for a character model (e.g. PyTorch parity inputs).")
    var inputJson: String?

    func validate() throws {
        if input != nil && inputJson != nil { throw ValidationError("choose one of --input and --input-json") }
    }

    /// The input chosen.
    func modelInput() throws -> ModelInput {
        if let input { return .text(input) }
        guard let inputJson else { return .lessonDefault }
        let url = URL(fileURLWithPath: inputJson)
        return .features(try JSONInput.features(from: url, expected: "numbers in [steps][features]"))
    }
}

extension LoadedModel {
    /// The trace of `input`, its notes told on standard error, one line each.
    func traceTelling(_ input: InputOptions, beam: Int = 1) throws -> LessonTrace {
        let traced = try trace(input.modelInput(), beam: beam)
        for note in traced.notes { Console.error(note) }
        return traced.trace
    }
}
