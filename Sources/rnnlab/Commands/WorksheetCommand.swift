import ArgumentParser
import Foundation
import RNNLessons
import RNNRender

/// `rnnlab worksheet`: one time step of a lesson's network worked by hand, on one page.
struct WorksheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worksheet",
        abstract: "Work one time step by hand with the network's numbers: one page, PDF and PNG.",
        discussion: """
            The page works step T of the lesson's shown input through its trained network (the top layer): \
            x_t, each weight matrix times its vector, the sums with the biases, tanh or each gate, h_t, the \
            output, softmax and the loss of that step; then one step of backpropagation through time \
            (∂L_t/∂h_t back to h_{t-1}) beside the engine's numbers, and a finite-difference check of \
            ∂L_t/∂W_hh[0][1]. Written to OUT/NAME/worksheet-tT.pdf and .png. For hello-rnn (hidden 3, \
            4 characters) it is the lecture's character-model slide with its numbers.
            """)

    @OptionGroup var source: ModelOptions

    @Option(name: .long, help: "The step to work (default: 1 for a model that answers at every step, else the last).")
    var at: Int?

    @Option(name: .long, help: "The page: 16:9 (default) or a4 (landscape).")
    var size: PageSize = .widescreen

    func validate() throws {
        if size == .natural { throw ValidationError("--size natural does not apply: a worksheet is one page (a4 or 16:9)") }
    }

    func run() throws {
        do {
            let model = try source.load()
            let step = try model.workedStep(at: at)
            var written: [String] = []
            for format in [OutputFormat.pdf, .png] {
                let url = model.folder.appendingPathComponent("worksheet-t\(step.t).\(format.fileExtension)")
                try AtomicFile.write(Worksheet.render(step, format: format, page: size), to: url)
                written.append(LessonFile.displayPath(url))
            }
            Console.line("\(model.lesson.name): step \(step.t) worked by hand " + (model.iteration.map { "at iteration \($0) " } ?? "")
                         + "→ " + written.joined(separator: ", "))
        } catch let error as ValidationError {
            throw error
        } catch {
            Console.error("\(error)")
            throw ExitCode.failure
        }
    }
}
