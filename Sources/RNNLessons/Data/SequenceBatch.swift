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
        self.init(oneHot: inputs, inputClasses: count, classes: Self.timeMajor(targets))
    }

    /// A batch of one-hot rows with one class target per sequence, at its last step
    /// (many-to-one): `inputs[b][t]` are indices among `inputClasses`, `targets[b]` a class.
    public init(oneHot inputs: [[Int]], inputClasses: Int, sequenceTargets targets: [Int]) {
        self.init(oneHot: inputs, inputClasses: inputClasses, classes: targets)
    }

    private init(oneHot inputs: [[Int]], inputClasses: Int, classes: [Int]) {
        steps = inputs.first?.count ?? 0
        batch = inputs.count
        features = inputClasses
        let timeMajorInput = Self.timeMajor(inputs)
        input = OneHot.tensor(timeMajorInput, classes: inputClasses)
        hotIndices = timeMajorInput
        self.classes = classes
        values = Tensor(shape: [0])
    }

    /// A batch of feature sequences already laid out time-major, `[steps][batch][features]`,
    /// with one target value per sequence.
    public init(timeMajor input: Tensor, targets: [Float]) {
        precondition(input.shape.count == 3 && input.shape[1] == targets.count, "input \(input.shape) for \(targets.count) targets")
        steps = input.shape[0]
        batch = input.shape[1]
        features = input.shape[2]
        self.input = input
        hotIndices = nil
        classes = []
        values = Tensor(shape: [targets.count], values: targets)
    }

    /// `rows[b][t]` in time-major order: `[t][b]` flattened.
    private static func timeMajor(_ rows: [[Int]]) -> [Int] {
        let steps = rows.first?.count ?? 0
        var flat: [Int] = []
        flat.reserveCapacity(steps * rows.count)
        for t in 0..<steps {
            for row in rows { flat.append(row[t]) }
        }
        return flat
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
