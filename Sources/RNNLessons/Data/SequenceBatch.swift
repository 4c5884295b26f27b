import RNNCore

/// A batch of equally long sequences as the engine reads them: time-major input
/// `[steps][batch][features]` and its targets.
public struct SequenceBatch {
    /// The input, `[steps][batch][features]`.
    public let input: Tensor
    /// The number of steps of every sequence.
    public let steps: Int
    /// The number of sequences.
    public let batch: Int
    /// The width of each input vector.
    public let features: Int
    /// The hot index of every input row `[steps][batch]`, when the rows are one-hot.
    public let hotIndices: [Int]?
    /// Class targets, one per output row `[steps][batch]` (token tasks).
    public let classes: [Int]
    /// Value targets, one per sequence (regression).
    public let values: Tensor

    /// A batch of one-hot rows: `inputs[b][t]` and `targets[b][t]` are class indices.
    public init(oneHot inputs: [[Int]], targets: [[Int]], classes count: Int) {
        steps = inputs.first?.count ?? 0
        batch = inputs.count
        features = count
        var timeMajorInput: [Int] = []
        var timeMajorTargets: [Int] = []
        timeMajorInput.reserveCapacity(steps * batch)
        timeMajorTargets.reserveCapacity(steps * batch)
        for t in 0..<steps {
            for b in 0..<batch {
                timeMajorInput.append(inputs[b][t])
                timeMajorTargets.append(targets[b][t])
            }
        }
        input = OneHot.tensor(timeMajorInput, classes: count)
        hotIndices = timeMajorInput
        classes = timeMajorTargets
        values = Tensor(shape: [0])
    }

    /// A batch of feature windows: `windows[b][t]` is a feature vector, `targets[b]` the value to predict.
    public init(windows: [[[Float]]], targets: [Float]) {
        steps = windows.first?.count ?? 0
        batch = windows.count
        features = windows.first?.first?.count ?? 0
        var flat: [Float] = []
        flat.reserveCapacity(steps * batch * features)
        for t in 0..<steps {
            for b in 0..<batch { flat.append(contentsOf: windows[b][t]) }
        }
        input = Tensor(shape: [steps, batch, features], values: flat)
        hotIndices = nil
        classes = []
        values = Tensor(shape: [targets.count], values: targets)
    }

    /// The training targets in the engine's form.
    public func targets(reduction: SquaredError.Reduction?) -> SequenceModel.Targets {
        if let reduction { return .values(UnsafePointer(values.pointer), reduction) }
        return .classes(classes)
    }
}
