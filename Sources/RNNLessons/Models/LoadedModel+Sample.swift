import Foundation
import RNNCore
import RNNTrace

extension LoadedModel {
    /// Generates `length` characters after `prime`: the prime is fed through the network, then one
    /// character at a time is drawn from softmax(logits / `temperature`) with a generator seeded
    /// by `seed` and fed back, the recurrent state carried from step to step. Temperature 0 takes
    /// the most likely character.
    ///
    /// - Throws: `LessonError` for a model that is not a character model, or a prime with
    ///   characters outside the vocabulary (naming them).
    public func sample(prime: String, length: Int, temperature: Double, seed: UInt64) throws -> String {
        guard case .sequence(let model) = network, task == .nextCharacter else {
            throw LessonError("\(lesson.name) is a \(task.rawValue) lesson; sample is for character lessons (next-char)")
        }
        try requireOneHot(model)
        let classes = vocabulary.count
        let primed = vocabulary.encode(try characters(of: prime, what: "the prime")).indices
        var generator = SeededGenerator(seed: seed)
        let primeInput = OneHot.tensor(primed, classes: classes)
        var logits = withExtendedLifetime(primeInput) {
            model.forward(primeInput.pointer, steps: primed.count, batch: 1) + (primed.count - 1) * classes
        }
        var generated = ""
        for _ in 0..<length {
            let next = Self.draw(from: UnsafeBufferPointer(start: logits, count: classes), temperature: temperature, &generator)
            generated += vocabulary.token(at: next) ?? ""
            let state = model.recurrent.finalState()
            let input = OneHot.tensor([next], classes: classes)
            logits = withExtendedLifetime((input, state)) {
                model.forward(input.pointer, steps: 1, batch: 1, initialState: state)
            }
        }
        return generated
    }

    /// A class drawn from softmax(logits / temperature), or the first largest logit at temperature 0.
    static func draw(from logits: UnsafeBufferPointer<Float>, temperature: Double, _ generator: inout SeededGenerator) -> Int {
        let best = logits.indices.max { logits[$0] < logits[$1] || (logits[$0] == logits[$1] && $0 > $1) }!
        guard temperature > 0 else { return best }
        let scaled = logits.map { (Double($0) - Double(logits[best])) / temperature }
        let weights = scaled.map(exp)
        var threshold = Double(generator.nextUnitFloat()) * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            threshold -= weight
            if threshold < 0 { return index }
        }
        return best
    }
}
