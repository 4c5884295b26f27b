import Foundation
import RNNLessons
import RNNRender

/// `rnnlab animate`: a 100-frame GIF of hello (issue #21's bar: at most 2 s), whole — training
/// with a frame every iteration, tracing each frame, drawing and writing the GIF.
enum AnimationBenchmarks {
    static func run() throws {
        let file = try LessonFile(contentsOf: URL(fileURLWithPath: "lessons/hello.yaml"))
        var table = Table(header: ["animation (hello, 99 iterations, every 1)", "frames", "scale", "s (whole)", "s (GIF only)"])
        for (animation, scale) in [(FigureAnimation.hidden, 1.0), (.predictions, 1), (.loss, 1), (.hidden, 2)] {
            var frames = 0
            var gifSeconds = 0.0
            let whole = Measure.secondsPerCall(minimumSeconds: 0.1, rounds: 3) {
                guard let training = try? TrainingFrames(file, every: 1, overrides: LessonOverrides(iterations: 99)) else { return }
                let start = Measure.now()
                guard let gif = try? FigureAnimation.render(animation, frames: training.frames, scale: scale) else { return }
                gifSeconds = Double(Measure.now() - start) / 1e9
                frames = training.frames.count
                precondition(!gif.isEmpty)
            }
            table.rows.append([animation.rawValue, String(frames), String(format: "%.0f", scale), String(format: "%.2f", whole),
                               String(format: "%.2f", gifSeconds)])
        }
        print("Animations: a 100-frame GIF of hello in at most 2 s (scale 1, 960×540 frames; scale 2 is 1920×1080)")
        print(table.render())
        print()
    }
}
