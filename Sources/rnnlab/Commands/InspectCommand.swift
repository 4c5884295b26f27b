import ArgumentParser
import Foundation
import RNNLessons

/// `rnnlab inspect`: the hidden states, cell states and gates of every step of an input.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print hidden states (per layer), cell states and gates of every step: a table, JSON or CSV.")

    @OptionGroup var source: ModelOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var whatIf: InterventionOptions

    @Flag(name: .long, help: "Print JSON: {steps: [{t, input, layers: [{layer, h, c, gates}]}], …}.")
    var json = false

    @Flag(name: .long, help: "Print CSV: step,token,layer,quantity,unit,value.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
    }

    func run() throws {
        let model = try source.load()
        let format: TracePresenter.TableFormat = json ? .json : csv ? .csv : .table
        guard let interventions = try whatIf.interventions(for: model) else {
            return try TracePresenter.showValues(model.traceTelling(input), format: format)
        }
        // The values with the intervention; what changed goes to standard error beside JSON or CSV.
        let whatIf = try WhatIf(model, input: input.modelInput(), interventions: interventions)
        try whatIf.tell(model: model, interventions: interventions, dataOnStandardOutput: format != .table)
        try TracePresenter.showValues(whatIf.after, format: format)
    }
}
