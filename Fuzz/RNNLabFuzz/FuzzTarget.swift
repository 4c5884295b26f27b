import Foundation
import RNNCore
import RNNLessons
import RNNRender

/// One parser under fuzzing: it takes any bytes and must end with a value or an error, never a
/// trap, a hang or a huge allocation. Errors are the expected outcome for most mutants.
enum FuzzTarget: String, CaseIterable {
    /// A lesson file, read and checked (not trained: a valid lesson may ask for 10 million iterations).
    case lesson
    /// A CSV of prices, read by a small regression lesson that then trains for one iteration.
    case csv
    /// A dialog file, read by a small seq2seq lesson that then trains for one iteration.
    case dialogs
    /// A safetensors checkpoint: decoded, built into a model, run forward and traced.
    case safetensors
    /// A lesson's trace.json: read, checked, and drawn (every figure, small, and a step frame).
    case trace

    /// Runs the target on `bytes`, in `folder` (a scratch folder of this process).
    func run(_ bytes: [UInt8], in folder: URL) {
        switch self {
        case .lesson:
            _ = try? LessonFile(bytes: bytes, url: folder.appendingPathComponent("lesson.yaml"))
        case .csv:
            Self.trainOneIteration(on: bytes, named: "prices.csv", lesson: Self.csvLesson, in: folder)
        case .dialogs:
            Self.trainOneIteration(on: bytes, named: "dialogs.tsv", lesson: Self.dialogLesson, in: folder)
        case .safetensors:
            Self.runCheckpoint(bytes, in: folder)
        case .trace:
            Self.draw(bytes, in: folder)
        }
    }

    private static let csvLesson = """
        name: prices
        title: t
        source: fuzz
        task: regression
        data: { csv: prices.csv, columns: [Open, High, Low, Volume, Close], target: Close, window: 3, split: 0.7 }
        model: { cell: gru, hidden: 3 }
        train: { learning_rate: 0.01, iterations: 1 }

        """

    private static let dialogLesson = """
        name: talk
        title: t
        source: fuzz
        task: seq2seq
        data: { dialogs: dialogs.tsv }
        model: { cell: gru, hidden: 4, embedding: 3, attention: bahdanau }
        train: { learning_rate: 0.01, iterations: 1, batch: 4 }

        """

    /// Writes `bytes` as `name` beside `lesson` in `folder` and runs the lesson for one iteration
    /// (its files go into a fresh folder that is then dropped).
    private static func trainOneIteration(on bytes: [UInt8], named name: String, lesson: String, in folder: URL) {
        do {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
            let url = folder.appendingPathComponent("lesson.yaml")
            try Data(lesson.utf8).write(to: url)
            let staged = try LessonRunner(outputFolder: folder.appendingPathComponent("out")).stage(LessonFile(contentsOf: url))
            staged.discard()
        } catch {}
    }

    /// Decodes a checkpoint and, when it holds a model of a reasonable size, runs it.
    private static func runCheckpoint(_ bytes: [UInt8], in folder: URL) {
        guard let file = try? SafeTensors.decode(bytes, source: "fuzz.safetensors") else { return }
        // A model that looks its tokens up in an embedding reads indices, not vectors: rnnlab
        // refuses it as a --model (CheckpointFile), and so is it not run on vectors here.
        if let model = try? SequenceModel(checkpoint: file, source: "fuzz.safetensors"), model.embedding == nil,
            model.shape.parameterCount < 1_000_000
        {
            let steps = 3, width = model.shape.inputSize
            let input = (0..<steps).map { t in (0..<width).map { Float($0 == t % width ? 1 : 0) } }
            let report = ForwardReport(model: model, input: [input])
            _ = NonFiniteValue.first(in: report)
            let url = folder.appendingPathComponent("model.safetensors")
            if (try? Data(bytes).write(to: url)) != nil, let loaded = try? LoadedModel.external(url, vocabulary: nil) {
                _ = try? loaded.trace(.lessonDefault)
            }
        }
        if let model = try? Seq2SeqModel(checkpoint: file, source: "fuzz.safetensors"),
            model.parameters.reduce(0, { $0 + $1.value.count }) < 1_000_000,
            model.shape.vocabularySize > 4
        {
            _ = model.greedyDecode([3, 4, 3], maxLength: 5)
        }
    }

    /// Reads a trace and draws its figures small, and its first step frames.
    private static func draw(_ bytes: [UInt8], in folder: URL) {
        guard let trace = try? TraceFile.decode(bytes, from: folder.appendingPathComponent("trace.json")) else { return }
        for figure in FigureRenderer.availableFigures(for: trace) {
            _ = try? FigureRenderer.render(figure, trace: trace, format: .png, scale: 0.25)
        }
        if !trace.steps.isEmpty { _ = try? FigureRenderer.renderStep(t: trace.steps.count - 1, trace: trace, format: .png, scale: 0.25) }
        if FigureRenderer.decoderStepCount(for: trace) > 0 {
            _ = try? FigureRenderer.renderDecoderStep(t: 0, trace: trace, format: .png, scale: 0.25)
        }
    }
}
