import ArgumentParser
import Foundation
import RNNCore
import RNNLessons
import RNNRender

/// `rnnlab chat`: a read–answer loop with a seq2seq lesson's model (the chatbot by default).
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Talk to the chatbot lesson's model: a question a line, an answer a line.",
        discussion: """
            In a terminal: a prompt; an empty line, `quit` or Ctrl-D ends. When standard input is not a \
            terminal, every line is a question and gets one answer line (an empty line an empty answer); \
            notes such as the words the model does not know go to standard error. Words outside the \
            vocabulary, in any script, are read as <unk>.
            """)

    @Argument(help: "A seq2seq lesson's name or file.")
    var lesson = "chatbot"

    @Option(name: .long, help: "Beam width: 1 is greedy decoding.")
    var beam = 1

    @Option(name: .long, help: "Talk to the weights of snapshot iteration K (one of the lesson's show.snapshots), to hear how answers grow during training.")
    var iteration: Int?

    @Flag(name: .long, help: "Write each answer's attention heatmap as PNG (OUT/NAME/chat/answer-N.png) and show it as text.")
    var showAttention = false

    @Option(name: .long, help: "The folder of the lessons' output, where trained models are kept.")
    var out = "output"

    @OptionGroup var folder: LessonsFolder

    func validate() throws {
        if !(1...64).contains(beam) { throw ValidationError("--beam must be 1 to 64") }
    }

    func run() throws {
        let model = try ModelOptions.lessonModel(lesson, folder: folder, out: out, iteration: iteration)
        guard case .seq2seq = model.network else {
            throw ValidationFailure("\(model.lesson.name) is a \(model.task.rawValue) lesson; chat needs a seq2seq lesson (like chatbot)")
        }
        let interactive = isatty(STDIN_FILENO) == 1
        // Notes, heatmaps and file names: under the answer in a terminal, on stderr in a script.
        let note: (String) -> Void = interactive ? { Console.line($0) } : { Console.error($0) }
        let weights = iteration.map { " as it was at iteration \($0)" } ?? ""
        if interactive { Console.line("Talking to \(model.lesson.name)\(weights) (an empty line, quit or Ctrl-D ends).") }
        var answered = 0
        while true {
            if interactive { Console.write("you> ") }
            guard let line = readLine(strippingNewline: true) else { break }
            let question = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if interactive && (question.isEmpty || question.lowercased() == "quit") { break }
            guard !question.isEmpty else {
                Console.line("")
                continue
            }
            let traced: TracedInput
            do {
                traced = try model.trace(.text(question), beam: beam)
            } catch {
                Console.line(interactive ? "bot> " : "")
                note("\(error)")
                continue
            }
            answered += 1
            Console.line((interactive ? "bot> " : "") + (traced.answer ?? ""))
            traced.notes.forEach(note)
            if showAttention { try drawAttention(traced.trace, number: answered, folder: model.folder, note: note) }
        }
    }

    /// Writes answer `number`'s attention heatmap as PNG and shows it as text.
    private func drawAttention(_ trace: LessonTrace, number: Int, folder: URL, note: (String) -> Void) throws {
        guard FigureRenderer.unavailableReason(.attention, trace: trace) == nil else { return note("(this model has no attention)") }
        let url = folder.appendingPathComponent("chat/answer-\(number).png")
        try AtomicFile.write(FigureRenderer.render(.attention, trace: trace, format: .png, scale: 2), to: url)
        AttentionText.render(trace).forEach(note)
        note("attention: \(LessonFile.displayPath(url))")
    }
}
