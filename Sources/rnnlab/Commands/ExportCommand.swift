import ArgumentParser
import Foundation
import RNNLessons

/// `rnnlab export LESSON --pytorch DIR`: the lesson as a PyTorch program.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a lesson as a self-contained PyTorch script, its data and its initial weights.",
        discussion: """
            DIR receives train.py, lesson.json, data.safetensors (the data and the order of the \
            batches) and initial.safetensors (RNNLab's initial weights, in PyTorch's names). \
            `python3 DIR/train.py` trains the same model on the same batches and prints each \
            iteration's loss as `rnnlab run` numbers it; it writes DIR/model.safetensors, which \
            `rnnlab step LESSON --model DIR/model.safetensors` reads back. Next-char, regression \
            and classify lessons are exported.
            """)

    @Argument(help: "A lesson's name or lesson file.")
    var lesson: String

    @Option(name: .long, help: "The folder to write the PyTorch program into.")
    var pytorch: String

    @OptionGroup var folder: LessonsFolder

    func run() throws {
        do {
            let file = try LessonFile(contentsOf: folder.lessonURL(lesson))
            let urls = try PyTorchExport.write(file, to: URL(fileURLWithPath: pytorch))
            for url in urls { Console.line("wrote \(LessonFile.displayPath(url))") }
            Console.line("train it with: python3 \(LessonFile.displayPath(urls[0]))")
        } catch {
            Console.error("\(error)")
            throw ExitCode.failure
        }
    }
}
