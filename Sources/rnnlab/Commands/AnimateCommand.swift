import ArgumentParser
import Foundation
import RNNLessons
import RNNRender

extension FigureAnimation: ExpressibleByArgument {}

/// `rnnlab animate`: GIFs of a lesson's figures through training, and of its step-through.
struct AnimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "animate",
        abstract: "Write GIFs of a lesson: \(FigureAnimation.allCases.map(\.rawValue).joined(separator: ", ")).",
        discussion: """
            The lesson is trained as `rnnlab run` trains it, keeping its network every K iterations; each \
            frame of predictions, hidden, attention and loss is that figure's picture of the network at one \
            iteration (the iteration and the loss in its headline), the last frame held longer. steps is the \
            trained network's step-through of the shown input, a frame a step. Written to OUT/NAME/animations/.
            """)

    @Argument(help: "The lesson (a name or a lesson file).")
    var lesson: String

    @Argument(help: "Which animations (default: every one that applies).")
    var animations: [FigureAnimation] = []

    @Option(name: .long, help: "Iterations between frames (default: about 100 frames in all).")
    var every: Int?

    @Option(name: .long, help: PageSize.help)
    var size: PageSize = .widescreen

    @Option(name: .long, help: "Pixels per point: 1 gives 960×540 frames on 16:9, 2 gives 1920×1080.")
    var scale: Double = 1

    @Option(name: .long, help: "The folder with one folder per lesson.")
    var out = "output"

    @OptionGroup var folder: LessonsFolder

    /// The most frames a training animation gets by default.
    static let defaultFrames = 100

    func validate() throws {
        if let every, every < 1 { throw ValidationError("--every must be at least 1") }
        guard scale >= 0.25 && scale <= 4 else { throw ValidationError("--scale must be between 0.25 and 4") }
        if size == .natural { throw ValidationError("--size natural does not apply: a GIF's frames share one size (16:9 or a4)") }
    }

    func run() throws {
        InterruptFlag.install()
        do {
            let file = try LessonFile(contentsOf: folder.lessonURL(lesson))
            let iterations = file.lesson.train.iterations
            let every = every ?? max(1, (iterations + Self.defaultFrames - 1) / Self.defaultFrames)
            let started = ContinuousClock.now
            let training = try TrainingFrames(file, every: every, control: RunControl(shouldStop: { InterruptFlag.isSet }))
            let trained = (ContinuousClock.now - started).seconds
            let chosen = animations.isEmpty ? FigureAnimation.available(for: training.trace) : animations
            for animation in chosen {
                if let reason = FigureAnimation.unavailableReason(animation, trace: training.trace) {
                    throw ValidationFailure("\(animation.rawValue) is not available for \(file.lesson.name): \(reason)")
                }
            }
            let target = URL(fileURLWithPath: out).appendingPathComponent(file.lesson.name).appendingPathComponent("animations")
            Console.line("\(file.lesson.name): trained \(iterations) iterations in \(Console.duration(trained)), "
                         + "a frame every \(every) (\(training.frames.count) frames)")
            for animation in chosen {
                let start = ContinuousClock.now
                let bytes = try FigureAnimation.render(animation, frames: training.frames, page: size, scale: scale)
                let url = target.appendingPathComponent(animation.fileName)
                try AtomicFile.write(bytes, to: url)
                let frames = animation == .steps ? "step frames" : "frames"
                Console.line("  wrote \(LessonFile.displayPath(url)) (\(frames) drawn in \(Console.duration((ContinuousClock.now - start).seconds)), "
                             + "\(bytes.count / 1024) KiB)")
            }
        } catch let error as LessonInterrupted {
            Console.error("\(error)")
            throw ExitCode(InterruptFlag.exitStatus)
        } catch {
            Console.error("\(error)")
            throw ExitCode.failure
        }
    }
}
