import RNNCore
import RNNTrace

/// Trains and evaluates one kind of lesson. A new task plugs in by implementing this and
/// returning it from `LessonTask.runner()`.
protocol TaskRunner {
    /// Prepares the data, builds the model, trains, evaluates and traces the shown input.
    func train(_ file: LessonFile, control: RunControl) throws -> TrainedLesson

    /// The number `lesson` is judged by (a key of its trace's `result`), or `nil` when the task
    /// has no single such number. A baseline computed from the data is added by `train`.
    func metric(for lesson: Lesson) -> HeadlineMetric?
}

/// What a task runner hands back for writing.
struct TrainedLesson {
    /// Everything the figures are drawn from.
    var trace: LessonTrace
    /// The checkpoint's tensors, in PyTorch's `state_dict` order.
    var tensors: [(name: String, tensor: Tensor)]
    /// The checkpoint's `__metadata__`.
    var metadata: [String: String]
    /// Wall-clock seconds of the training loop.
    var trainingSeconds: Double
    /// Wall-clock seconds of judging the network (`TrainingRecord.evaluationSeconds`).
    var evaluationSeconds: Double = 0
    /// The weights at each snapshot iteration (`show.snapshots`), saved next to the checkpoint.
    var snapshotWeights: [Int: [(name: String, tensor: Tensor)]] = [:]
    /// What the user should be told about how the data was read, one line each.
    var notes: [String] = []
}

extension Lesson {
    /// The runner of this lesson's task and data.
    var runner: any TaskRunner {
        if data.generate != nil { return task == .seq2seq ? TransductionRunner() : MemoryTaskRunner() }
        switch task {
        case .nextCharacter: return NextCharacterRunner()
        case .regression: return RegressionRunner()
        case .classify: return TextClassifierRunner()
        case .generate: return GenerationRunner()
        case .seq2seq: return Seq2SeqRunner()
        }
    }
}
