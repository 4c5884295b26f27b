import RNNCore

/// Trains and evaluates one kind of lesson. A new task plugs in by implementing this and
/// returning it from `LessonTask.runner()`.
protocol TaskRunner {
    /// Prepares the data, builds the model, trains, evaluates and traces the shown input.
    func train(_ file: LessonFile, control: RunControl) throws -> TrainedLesson
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
    /// The weights at each snapshot iteration (`show.snapshots`), saved next to the checkpoint.
    var snapshotWeights: [Int: [(name: String, tensor: Tensor)]] = [:]
}

extension LessonTask {
    /// The runner of this task.
    var runner: any TaskRunner {
        switch self {
        case .nextCharacter: return NextCharacterRunner()
        case .regression: return RegressionRunner()
        case .seq2seq: return Seq2SeqRunner()
        }
    }
}
