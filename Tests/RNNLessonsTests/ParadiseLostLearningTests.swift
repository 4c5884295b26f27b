import Foundation
import Testing

@testable import RNNLessons

/// The cell hunter's lesson as shipped (`lessons/experiments/paradise-lost.yaml`): a character
/// LSTM trained on Milton's verse grows a unit that counts the position in the line, and that
/// unit matters for predicting line breaks. Runs in release (`make test`'s second part): about
/// 40 s.
@Suite("Paradise Lost: a character LSTM grows a line-position cell")
struct ParadiseLostLearningTests {
    @Test("validation loss reported and below 1.8; a unit with |r| ≥ 0.8 to the position; zeroing it hurts line breaks ≥ 2× the rest")
    func growsAPositionCell() throws {
        let file = try LessonFile(contentsOf: LessonTestSupport.lessons.appendingPathComponent("experiments/paradise-lost.yaml"))
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try LessonRunner(outputFolder: folder).run(file)
        let validation = try #require(outcome.trace.result["validation_loss"])
        // PyTorch, the same settings, 5,000 iterations: 1.55; a unigram model of the text: about 3.3.
        #expect(validation < 1.8, "validation loss \(validation)")

        let model = try LoadedModel.lesson(
            file, checkpoint: outcome.folder.appendingPathComponent("model.safetensors"), iteration: nil, folder: outcome.folder)
        let read = try model.huntText(file: nil, length: 20_000)
        #expect(read.description.contains("held-out"))
        let hunt = try CellHunt(model: model, characters: read.characters, probes: [.position])
        let position = try #require(hunt.results.first)
        let best = try #require(position.best.first)
        #expect(abs(best.r) >= 0.8, "best unit r = \(best.r)")
        let check = try #require(position.causal)
        #expect(check.concernedRise >= 2 * max(check.othersRise, 0), "line breaks +\(check.concernedRise), others +\(check.othersRise)")
        #expect(check.concernedRise > 1, "zeroing the counter makes line breaks much harder to predict")
    }
}
