import Foundation
import Synchronization
import Testing

@testable import rnnlab

/// Lessons trained side by side are handed over in order, each with its own result.
@Suite("Lessons side by side")
struct LessonLanesTests {
    struct Failure: Error, Equatable { let index: Int }

    @Test("two lanes on two processors or more, never more lanes than lessons")
    func laneCount() {
        #expect(LessonLanes<Int>.lanes(lessons: 6, processors: 2) == 2)
        #expect(LessonLanes<Int>.lanes(lessons: 6, processors: 16) == 2)
        #expect(LessonLanes<Int>.lanes(lessons: 6, processors: 1) == 1)
        #expect(LessonLanes<Int>.lanes(lessons: 1, processors: 2) == 1)
    }

    @Test("outcomes and errors come back in the lessons' order, whatever order they finish in", arguments: [1, 2])
    func order(lanes: Int) throws {
        let running = Atomic<Int>(0), mostAtOnce = Atomic<Int>(0)
        let training = LessonLanes<Int>(count: 6, lanes: lanes, progress: nil, shouldStop: { false }) { index, _ in
            let now = running.add(1, ordering: .sequentiallyConsistent).newValue
            _ = mostAtOnce.max(now, ordering: .sequentiallyConsistent)
            defer { running.subtract(1, ordering: .sequentiallyConsistent) }
            // Early lessons take longest, so later ones finish first.
            Thread.sleep(forTimeInterval: Double(6 - index) * 0.005)
            if index == 3 { throw Failure(index: index) }
            return index * 10
        }
        for index in 0..<6 {
            if index == 3 {
                #expect(throws: Failure(index: 3)) { try training.outcome(index) }
            } else {
                #expect(try training.outcome(index) == index * 10)
            }
        }
        training.waitForAll()
        #expect(mostAtOnce.load(ordering: .sequentiallyConsistent) <= lanes)
    }

    @Test("a stop request reaches every lesson, and waitForAll returns once all have stopped")
    func stop() {
        let training = LessonLanes<Int>(count: 4, lanes: 2, progress: nil, shouldStop: { true }) { index, control in
            if control.shouldStop() { throw Failure(index: index) }
            return index
        }
        #expect(throws: Failure(index: 0)) { try training.outcome(0) }
        training.waitForAll()
        for index in 1..<4 { #expect(throws: Failure(index: index)) { try training.outcome(index) } }
    }
}
