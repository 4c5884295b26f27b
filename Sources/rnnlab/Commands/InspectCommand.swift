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

    @Flag(name: .long, help: "Print JSON: {steps: [{t, input, layers: [{layer, h, c, gates}]}], …}.")
    var json = false

    @Flag(name: .long, help: "Print CSV: step,token,layer,quantity,unit,value.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
    }

    func run() throws {
        let trace = try source.load().traceTelling(input)
        try TracePresenter.showValues(trace, format: json ? .json : csv ? .csv : .table)
    }
}
