import ArgumentParser
import Foundation
import RNNLessons
import RNNRender
import RNNTrace

/// `rnnlab chat`: a read–answer loop with a seq2seq lesson's model (the chatbot by default).
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Talk to the chatbot lesson's model: a question a line, an answer a line.",
        discussion: """
            In a terminal: a prompt, with ← → to edit the line and ↑ ↓ to bring back earlier questions; \
            an empty line, `quit` or Ctrl-D ends. When standard input is not a terminal, every line is a \
            question and gets one answer line (an empty line an empty answer); notes such as the words \
            the model does not know go to standard error. Words outside the vocabulary, in any script, \
            are read as <unk>. With --show-attention each answer is followed by its attention as a text \
            heatmap with a legend, and the picture OUT/NAME/chat/answer-N.png, numbered on from the \
            pictures already there.
            """)

    @Argument(help: "A seq2seq lesson's name or file.")
    var lesson = "chatbot"

    @Option(name: .long, parsing: .unconditional, help: "Beam width: 1 is greedy decoding.")
    var beam = 1

    @Option(name: .long, parsing: .unconditional, help: "Talk to the weights of snapshot iteration K (one of the lesson's show.snapshots), to hear how answers grow during training.")
    var iteration: Int?

    @Flag(name: .long, help: "After each answer, show its attention as text and write it as PNG (OUT/NAME/chat/answer-N.png, numbered on).")
    var showAttention = false

    @Option(name: .long, help: "The folder of the lessons' output, where trained models are kept.")
    var out = "output"

    @OptionGroup var folder: LessonsFolder
    @OptionGroup var whatIf: InterventionOptions

    func validate() throws {
        if !(1...64).contains(beam) { throw ValidationError("--beam must be 1 to 64") }
    }

    func run() throws {
        let model = try ModelOptions.lessonModel(lesson, folder: folder, out: out, iteration: iteration)
        guard case .seq2seq = model.network else {
            throw ValidationFailure("\(model.lesson.name) is a \(model.task.rawValue) lesson; chat needs a seq2seq lesson (like chatbot)")
        }
        let interventions = try whatIf.interventions(for: model)
        let interactive = isatty(STDIN_FILENO) == 1
        // Notes: under the answer in a terminal, on stderr in a script.
        let note: (String) -> Void = interactive ? { Console.line($0) } : { Console.error($0) }
        let weights = iteration.map { " as it was at iteration \($0)" } ?? ""
        if interactive { Console.line("Talking to \(model.lesson.name)\(weights) (an empty line, quit or Ctrl-D ends; ↑ brings back a question).") }
        if let interventions { note("what if: \(interventions.description) (each answer is followed by the answer as trained)") }
        let lines = try QuestionLines(prompt: interactive ? "you> " : nil)
        defer { lines.finish() }
        while let line = lines.next() {
            let question = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if interactive && (question.isEmpty || question.lowercased() == "quit") { break }
            guard !question.isEmpty else {
                Console.line("")
                continue
            }
            let traced: TracedInput
            do {
                traced = try model.trace(.text(question), beam: beam, interventions: interventions)
            } catch {
                Console.line(interactive ? "bot> " : "")
                note("\(error)")
                continue
            }
            Console.line((interactive ? "bot> " : "") + (traced.answer ?? ""))
            traced.notes.forEach(note)
            if interventions != nil, let asTrained = try? model.trace(.text(question), beam: beam).answer {
                note("(as trained: \(asTrained))")
            }
            if showAttention { try showAttention(traced.trace, folder: model.folder) }
        }
    }

    /// Shows an answer's attention as a text heatmap with its legend, and writes it as the next
    /// `chat/answer-N.png`, on standard output after the answer.
    private func showAttention(_ trace: LessonTrace, folder: URL) throws {
        guard FigureRenderer.unavailableReason(.attention, trace: trace) == nil else { return Console.line("(this model has no attention)") }
        let url = NumberedFile.next(in: folder.appendingPathComponent("chat"), prefix: "answer", extension: "png")
        try AtomicFile.write(FigureRenderer.render(.attention, trace: trace, format: .png, scale: 2), to: url)
        AttentionText.render(trace).forEach(Console.line)
        Console.line("attention: \(LessonFile.displayPath(url))")
    }
}

/// Where the questions come from: a terminal's edited lines (with a history), or standard input
/// read line by line.
private final class QuestionLines {
    private let editor: LineReader?
    private let prompt: String?

    /// Reads with a line editor after `prompt` when both ends are a terminal; with a prompt but
    /// output elsewhere, plain lines after the prompt; without a prompt, plain lines.
    init(prompt: String?) throws {
        self.prompt = prompt
        editor = prompt != nil && LineReader.isAvailable ? LineReader() : nil
        try editor?.start()
    }

    /// The next line, or `nil` at the end of input.
    func next() -> String? {
        if let editor, let prompt { return editor.readLine(prompt: prompt) }
        if let prompt { Console.write(prompt) }
        return readLine(strippingNewline: true)
    }

    /// Gives the terminal back.
    func finish() { editor?.stop() }
}
