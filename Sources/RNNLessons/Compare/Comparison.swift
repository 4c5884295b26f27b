import Foundation
import RNNCore
import RNNTrace

/// What `rnnlab compare` trains: every combination of the varied values of a lesson, each
/// from the same seeds, checked before anything is trained.
///
/// The variations come from the command line or the lesson's `compare:` section; the first
/// varies slowest. Every variant of one seed reads the same data (`MemoryTaskRunner`): only the
/// varied keys differ.
public struct Comparison: Sendable {
    /// The lesson compared.
    public let base: LessonFile
    /// The varied keys and their values.
    public let variations: [LessonVariation]
    /// The seeds every variant is trained with.
    public let seeds: [UInt64]
    /// Every run: each combination of values, for each seed (seeds vary fastest).
    public let variants: [ComparisonVariant]
    /// Results to print beside the measured ones (from the lesson's `compare:` section).
    public let references: [ComparisonReference]
    /// Sentences for the reader, such as the hidden sizes `matchParameters` chose.
    public let notes: [String]

    /// Builds the comparison of `base`.
    ///
    /// - Parameters:
    ///   - variations: the variations to run; `nil` for the lesson's `compare.vary`.
    ///   - seedCount: seeds per variant (default: the lesson's `compare.seeds`, or 1).
    ///   - firstSeed: the first seed (default: the lesson's `train.seed`); the others follow it.
    ///   - matchParameters: choose each cell's hidden size so that every variant has about as
    ///     many parameters as the lesson's own model.
    /// - Throws: `LessonError`, one line, when a variation or value is not allowed, nothing is
    ///   varied, the seed count is out of range or there are too many runs.
    public init(
        base: LessonFile, variations given: [LessonVariation]? = nil, seedCount: Int? = nil, firstSeed: UInt64? = nil,
        matchParameters: Bool = false
    ) throws {
        let lesson = base.lesson
        let variations = try given ?? (lesson.compare?.vary ?? []).map(LessonVariation.init(parsing:))
        guard !variations.isEmpty else {
            throw LessonError(
                "\(lesson.name): nothing to compare; pass --cells rnn,lstm,gru or --vary KEY=V1,V2,…, "
                    + "or give the lesson a compare: { vary: [...] } section")
        }
        if let repeated = variations.enumerated().first(where: { item in
            variations[..<item.offset].contains { $0.path == item.element.path }
        }) {
            throw LessonError("--vary \(repeated.element.key): the key is varied twice; expected each key once")
        }
        let count = seedCount ?? lesson.compare?.seeds ?? 1
        guard (1...ComparisonLimits.seeds).contains(count) else {
            throw LessonError("--seeds \(count): expected 1 to \(ComparisonLimits.seeds)")
        }
        let start = firstSeed ?? lesson.train.seed
        let seeds = (0..<UInt64(count)).map { start &+ $0 }
        let combinations = variations.reduce(1) { $0 * $1.values.count }
        guard combinations * count <= ComparisonLimits.runs else {
            throw LessonError(
                "\(lesson.name): \(combinations) variants × \(count) seeds = \(combinations * count) runs; "
                    + "expected at most \(ComparisonLimits.runs)")
        }
        // Each value alone first, so that an error names the value that is not allowed.
        for variation in variations {
            for value in variation.values {
                do { _ = try base.patched([(variation.path, value)]) } catch let error as LessonError {
                    throw LessonError("--vary \(variation.key)=\(value): \(error.description)")
                }
            }
        }
        let matched = matchParameters ? try Self.matchedHiddenSizes(base, variations) : nil
        var variants: [ComparisonVariant] = []
        for combination in Self.combinations(variations) {
            let settings = zip(variations, combination).map { ComparisonVariant.Setting(key: $0.key, value: $1) }
            var values = zip(variations, combination).map { (path: $0.path, value: $1) }
            if let matched {
                let cell = settings.first { $0.key == "cell" }.flatMap { CellKind(rawValue: $0.value) } ?? lesson.model.cell
                values.append((["model", "hidden"], String(matched[cell]!)))
            }
            for seed in seeds {
                let file: LessonFile
                do { file = try base.patched(values + [(["train", "seed"], String(seed))]) } catch let error as LessonError {
                    throw LessonError("variant \(ComparisonVariant.label(settings)): \(error.description)")
                }
                variants.append(ComparisonVariant(settings: settings, seed: seed, file: file))
            }
        }
        self.base = base
        self.variations = variations
        self.seeds = seeds
        self.variants = variants
        self.references = lesson.compare?.references ?? []
        self.notes = try matched.map { [try Self.describe($0, base)] } ?? []
    }

    /// Every combination of the variations' values, the first variation varying slowest.
    static func combinations(_ variations: [LessonVariation]) -> [[String]] {
        variations.reduce([[]]) { partial, variation in
            partial.flatMap { prefix in variation.values.map { prefix + [$0] } }
        }
    }

    /// The hidden size of each compared cell that gives about as many parameters as the
    /// lesson's own cell and hidden size.
    private static func matchedHiddenSizes(_ base: LessonFile, _ variations: [LessonVariation]) throws -> [CellKind: Int] {
        let lesson = base.lesson
        if variations.contains(where: { $0.path == ["model", "hidden"] }) {
            throw LessonError("--match-params chooses the hidden sizes; do not vary hidden as well")
        }
        guard case .size(let hidden) = lesson.model.hidden else {
            throw LessonError("--match-params needs a number for model.hidden, not vocab")
        }
        let cells = variations.first { $0.path == ["model", "cell"] }?.values.compactMap(CellKind.init(rawValue:)) ?? [lesson.model.cell]
        let target = try parameterCount(base, cell: lesson.model.cell, hidden: hidden)
        var sizes: [CellKind: Int] = [lesson.model.cell: hidden]
        for cell in cells where sizes[cell] == nil {
            var best = 1, bestDistance = Int.max
            for size in 1...4096 {
                let distance = abs(try parameterCount(base, cell: cell, hidden: size) - target)
                if distance < bestDistance { (best, bestDistance) = (size, distance) } else if distance > bestDistance { break }
            }
            sizes[cell] = best
        }
        return sizes
    }

    /// "parameters matched to lstm hidden 32 (4,513): rnn hidden 64 (4,417), gru hidden 37 (4,663)".
    private static func describe(_ sizes: [CellKind: Int], _ base: LessonFile) throws -> String {
        let own = base.lesson.model.cell
        func text(_ cell: CellKind) throws -> String {
            "\(cell.rawValue) hidden \(sizes[cell]!) (\(try parameterCount(base, cell: cell, hidden: sizes[cell]!)) parameters)"
        }
        let others = try CellKind.allCases.filter { $0 != own && sizes[$0] != nil }.map(text)
        return "parameters matched to \(try text(own))" + (others.isEmpty ? "" : ": " + others.joined(separator: ", "))
    }

    /// The number of parameters of `base`'s model with `cell` and `hidden`.
    static func parameterCount(_ base: LessonFile, cell: CellKind, hidden: Int) throws -> Int {
        let sizes = try modelSizes(base)
        return SequenceModelShape(
            cell: cell, inputSize: sizes.input, hiddenSize: hidden, layers: base.lesson.model.layers, outputSize: sizes.output
        ).parameterCount
    }

    /// The input and output widths of a lesson's one-stack model.
    static func modelSizes(_ base: LessonFile) throws -> (input: Int, output: Int) {
        let lesson = base.lesson
        if lesson.data.generate != nil {
            switch MemoryTaskRunner.task(lesson) {
            case .adding(let task): return (task.inputSize, task.outputSize)
            case .remember(let task): return (task.inputSize, task.outputSize)
            }
        }
        switch lesson.task {
        case .nextCharacter:
            let count = try CharacterDataset.load(from: base).vocabulary.count
            return (count, count)
        case .regression: return (lesson.data.columns?.count ?? 0, 1)
        case .classify, .generate, .seq2seq:
            throw LessonError("--match-params is for lessons of one recurrent stack; \(lesson.name) is a \(lesson.task.rawValue) lesson")
        }
    }
}
