import Foundation
import Testing

@testable import RNNLessons

/// The one line that says how long a long run will take, decided from given times (no clock).
@Suite("Training estimate")
struct TrainingEstimateTests {
    static func lesson(iterations: Int, batch: Int?) throws -> Lesson {
        var lesson = try LessonTestSupport.lesson("hello").lesson
        lesson.train.iterations = iterations
        lesson.train.batch = batch
        return lesson
    }

    @Test("a run of more than a minute is announced once, with the ways to shorten it")
    func longRun() throws {
        var estimate = TrainingEstimate(lesson: try Self.lesson(iterations: 2000, batch: 64))
        let early = estimate.notice(completed: 1, seconds: 0.5)
        #expect(early == nil, "one iteration is not enough to judge")
        let line = estimate.notice(completed: 3, seconds: 1.2)
        #expect(line == "hello: this will take about 13 minutes (2000 iterations, 0.4 s each); shorten it with --iterations 150 (about a minute) or a smaller batch: in the lesson file (now 64)")
        let again = estimate.notice(completed: 10, seconds: 4)
        #expect(again == nil, "said once")
    }

    @Test("a short run says nothing; without a batch the line names only --iterations")
    func shortRun() throws {
        var short = TrainingEstimate(lesson: try Self.lesson(iterations: 100, batch: nil))
        let quick = short.notice(completed: 5, seconds: 0.05)
        let later = short.notice(completed: 50, seconds: 50)
        #expect(quick == nil && later == nil, "decided after the first iterations")
        var long = TrainingEstimate(lesson: try Self.lesson(iterations: 10_000, batch: nil))
        let line = long.notice(completed: 5, seconds: 0.2)
        #expect(line == "hello: this will take about 7 minutes (10000 iterations, 40 ms each); shorten it with --iterations 1500 (about a minute)")
    }

    @Test("durations read as a person says them")
    func durations() {
        #expect(TrainingEstimate.duration(0.04) == "40 ms" && TrainingEstimate.duration(2.34) == "2.3 s" && TrainingEstimate.duration(42) == "42 s")
        #expect(TrainingEstimate.duration(61) == "a minute" && TrainingEstimate.duration(600) == "10 minutes")
        #expect(TrainingEstimate.duration(3_900) == "1 hour 5 minutes" && TrainingEstimate.duration(7_200) == "2 hours")
    }
}
