import Foundation

/// The iterations of a lesson: observe the model, take a step, stop on divergence or request.
enum TrainingLoop {
    /// Runs `lesson.train.iterations` iterations. Before each step, `observe(i)` sees the
    /// model as it is at iteration `i`; `step(i)` trains and returns the loss.
    ///
    /// - Returns: the loss of every iteration and the loop's wall-clock seconds.
    /// - Throws: `LessonError` when the loss stops being finite, `LessonInterrupted` when
    ///   `control.shouldStop()` says so.
    static func run(
        _ lesson: Lesson, control: RunControl, observe: (Int) -> Void, step: (Int) -> Float
    ) throws -> (losses: [Double], seconds: Double) {
        let total = lesson.train.iterations
        var losses: [Double] = []
        losses.reserveCapacity(total)
        let start = ContinuousClock.now
        for iteration in 0..<total {
            if control.shouldStop() { throw LessonInterrupted(lesson: lesson.name, completed: iteration) }
            observe(iteration)
            let loss = step(iteration)
            guard loss.isFinite else {
                throw LessonError(
                    "\(lesson.name): training diverged at iteration \(iteration) (loss \(loss)); lower the learning rate "
                        + "(now \(lesson.train.learningRate), e.g. --learning-rate \(lesson.train.learningRate / 10)) "
                        + "or limit the gradient with `clip: 1` under train; earlier output was left as it was")
            }
            losses.append(Double(loss))
            control.progress(TrainingProgress(lesson: lesson.name, completed: iteration + 1, total: total, loss: loss))
        }
        let elapsed = ContinuousClock.now - start
        return (losses, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    /// The first iteration from which every later flag is true, or `nil` if the last is false.
    static func firstStayingTrue(_ flags: [Bool]) -> Int? {
        guard flags.last == true else { return nil }
        return (flags.lastIndex(of: false) ?? -1) + 1
    }
}
