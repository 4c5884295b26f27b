import Foundation
import RNNLessons
import Testing

/// The lecture's two shapes that have lessons of their own: many to one (sentiment) and one to
/// many (spell) learn what they claim, on examples they never trained on.
@Suite("Sentiment and spell lessons learn what they claim (LearningTests)")
struct ShapeLessonLearningTests {
    @Test("sentiment (many to one): ≥ 85% of the held-out sentences right, beside the 50% of the majority label")
    func sentiment() throws {
        let trace = try LessonLearningTests.run("sentiment")
        let accuracy = try #require(trace.result["test_accuracy"])
        let baseline = try #require(trace.result["baseline_accuracy"])
        #expect(accuracy >= 0.85, "held-out accuracy \(accuracy)")
        #expect(abs(baseline - 0.5) < 0.05 && trace.metric?.baseline == baseline)
        #expect(try #require(trace.result["test_examples"]) >= 60)
        // The shown sentence, never trained on, flips to negative at "not" and stays there.
        #expect(trace.steps.map(\.inputToken) == ["the", "lecture", "was", "not", "good"])
        #expect(trace.steps.last?.prediction == "negative")
        let classification = try #require(trace.classification)
        #expect(classification.evidence.count == 5 && classification.evidence.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-4 })
        #expect(classification.evidence[0][1] > 0.5, "reads positive before the negation")
        let confusion = try #require(classification.confusion)
        #expect(confusion.flatMap { $0 }.reduce(0, +) == Int(trace.result["test_examples"]!))
        #expect(Double(confusion[0][0] + confusion[1][1]) / Double(confusion.flatMap { $0 }.reduce(0, +)) == accuracy)
    }

    @Test("spell (one to many): ≥ 90% of the held-out numbers spelled exactly; 47 → forty-seven")
    func spell() throws {
        let trace = try LessonLearningTests.run("spell")
        let exact = try #require(trace.result["test_exact"])
        #expect(exact >= 0.9, "held-out exact \(exact): \(trace.generation?.heldOut.filter { !$0.isExact } ?? [])")
        #expect(trace.result["train_exact"] == 1)
        #expect(trace.steps.compactMap(\.prediction).joined() == "forty-seven.")
        // One input at step 0; zeros after it.
        #expect(trace.steps.first?.x.reduce(0, +) == 2)
        #expect(trace.steps.dropFirst().allSatisfy { $0.x.allSatisfy { $0 == 0 } && $0.inputToken.isEmpty })
        let heldOut = try #require(trace.generation?.heldOut)
        #expect(heldOut.count == 20 && heldOut.contains { $0.input == "47" && $0.isExact })
    }
}
