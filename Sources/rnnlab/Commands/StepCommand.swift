import ArgumentParser
import Foundation
import RNNLessons

/// `rnnlab step`: step through a lesson's trained network (or a model from PyTorch) on any input.
struct StepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Step through a trained network one time step at a time, on the lesson's input or yours.",
        discussion: """
            The lesson's model is taken from OUT/NAME/model.safetensors, trained first when missing or \
            when the lesson file changed. In a terminal: → / n / space next, ← / p back, Home / End, \
            digits then Enter jump, r predict-then-reveal, s save the frame as PNG (OUT/NAME/saved/frame-N.png, \
            titled with the input and the iteration), q quit. With --at, \
            or when the output is not a terminal, the steps are printed as text.
            """)

    @OptionGroup var source: ModelOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var whatIf: InterventionOptions

    @Option(name: .long, parsing: .unconditional, help: "Print step T as text and exit.")
    var at: Int?

    @Flag(name: .long, help: "Start in predict-then-reveal mode (the prediction hidden until r).")
    var reveal = false

    func validate() throws {
        if let at, at < 0 { throw ValidationError("--at must be 0 or more") }
    }

    func run() throws {
        let model = try source.load()
        guard let interventions = try whatIf.interventions(for: model) else {
            let trace = try model.traceTelling(input)
            return try TracePresenter.showSteps(trace, at: at, reveal: reveal, saveFolder: model.folder, source: model.lesson.name)
        }
        // The network with the intervention; in the viewer `w` switches to the network as trained.
        let whatIf = try WhatIf(model, input: input.modelInput(), interventions: interventions)
        if at != nil || !Terminal.isInteractive { try whatIf.tell(model: model, interventions: interventions) }
        try TracePresenter.showSteps(
            whatIf.after, at: at, reveal: reveal, saveFolder: model.folder, source: model.lesson.name,
            alternative: (whatIf.before, "what if: \(interventions.description)"))
    }
}
