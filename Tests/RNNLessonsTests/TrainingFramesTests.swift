import Foundation
import Testing
@testable import RNNLessons

/// `rnnlab animate`'s frames are the network as it trained, exactly as `rnnlab run` trains it.
@Suite struct TrainingFramesTests {
    @Test func framesAreEveryKIterationsAndTheLast() {
        #expect(TrainingFrames.iterations(every: 10, through: 50) == [0, 10, 20, 30, 40, 50])
        #expect(TrainingFrames.iterations(every: 20, through: 50) == [0, 20, 40, 50])
        #expect(TrainingFrames.iterations(every: 1, through: 3) == [0, 1, 2, 3])
    }

    @Test func framesShowTheNetworkOfTheRunAtTheirIteration() throws {
        let file = try LessonTestSupport.lesson("hello")
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try LessonRunner(outputFolder: folder).run(file)
        let saved = try LessonTraces(trace: run.trace, file: file, folder: run.folder)

        let training = try TrainingFrames(file, every: 3)
        #expect(training.frames.map(\.shownIteration) == TrainingFrames.iterations(every: 3, through: 50).map { $0 })
        // Keeping more snapshots changes nothing of the training.
        #expect(training.trace.training.loss == run.trace.training.loss)
        #expect(training.trace.steps == run.trace.steps)
        // A frame at a snapshot iteration of the lesson shows what its snapshot checkpoint shows.
        var compared = 0
        for (iteration, snapshot) in zip(run.trace.snapshots.map(\.iteration), saved.snapshots) {
            guard let frame = training.frames.first(where: { $0.shownIteration == iteration }) else { continue }
            #expect(frame.steps == snapshot.steps, "iteration \(iteration)")
            compared += 1
        }
        #expect(compared >= 3, "iterations 0, 6, 9 and 50 are frames every 3")
        // Each frame keeps the run's history and its own iteration's prediction row.
        for frame in training.frames {
            #expect(frame.training.loss == run.trace.training.loss)
            #expect(frame.snapshots.map(\.iteration) == [frame.shownIteration!])
        }
        #expect(training.frames.last?.steps == run.trace.steps, "the last frame is the trained network")
    }
}
