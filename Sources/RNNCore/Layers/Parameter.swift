/// A trainable tensor with its gradient and a checkpoint name.
///
/// Layers read `value` and add into `gradient`; optimizers read both and update `value`.
/// Whoever changes `value` calls `markChanged()`, so layers that keep derived copies (such as a
/// transposed weight) know to refresh them.
public final class Parameter: @unchecked Sendable {
    /// The checkpoint name, as PyTorch's `state_dict` spells it (`rnn.weight_ih_l0`).
    public let name: String
    /// The current values.
    public let value: Tensor
    /// The gradient of the loss with respect to `value`, accumulated by backward passes.
    public let gradient: Tensor
    /// The parameter whose `value` (and its version) this one shares, if any.
    private let original: Parameter?
    private var ownVersion = 0

    /// Increases whenever `value` changes.
    public var version: Int { original?.version ?? ownVersion }

    /// Creates a zero parameter of the given shape.
    public init(name: String, shape: [Int]) {
        self.name = name
        self.value = Tensor(shape: shape)
        self.gradient = Tensor(shape: shape)
        original = nil
    }

    /// Creates a parameter that reads `original`'s values, and sees their changes, but
    /// accumulates a gradient of its own: for a copy of a layer that works on another part of
    /// a batch at the same time (`Seq2SeqModel.trainStep`).
    init(sharingValueOf original: Parameter) {
        name = original.name
        value = original.value
        gradient = Tensor(shape: original.shape)
        self.original = original.original ?? original
    }

    /// The shape of `value`.
    public var shape: [Int] { value.shape }

    /// Records that `value` was changed in place.
    public func markChanged() {
        if let original { original.markChanged() } else { ownVersion &+= 1 }
    }

    /// Replaces the values (same count), and marks the change.
    public func assign(_ values: [Float]) {
        precondition(values.count == value.count, "\(name): \(values.count) values for shape \(shape)")
        values.withUnsafeBufferPointer { value.pointer.update(from: $0.baseAddress!, count: value.count) }
        markChanged()
    }

    /// Sets the gradient to zero.
    public func zeroGradient() { gradient.fill(0) }
}

/// A weight matrix kept together with its transpose, refreshed only when the weight changes.
///
/// Forward passes multiply by `Wᵀ`; the matrix kernel wants its right operand row-major, so the
/// transpose is cached and rebuilt when the parameter's version moves. A layer and its copies
/// (`init(sharingParametersOf:)`) share one: when they run at the same time, it must have been
/// refreshed first (`refresh(_:)`), so that they only read it.
final class TransposedWeight: @unchecked Sendable {
    let parameter: Parameter
    private let cache: Tensor
    private var cachedVersion = -1

    init(_ parameter: Parameter) {
        self.parameter = parameter
        cache = Tensor(shape: [parameter.shape[1], parameter.shape[0]])
    }

    /// `Wᵀ` as a row-major `[in][out]` matrix, refreshed first if the weight has changed.
    func transposed() -> UnsafePointer<Float> {
        if cachedVersion != parameter.version {
            MatrixMultiply.transpose(
                parameter.value.pointer, rows: parameter.shape[0], columns: parameter.shape[1],
                into: cache.pointer)
            cachedVersion = parameter.version
        }
        return UnsafePointer(cache.pointer)
    }

    /// `Wᵀ` once `transposed()` has refreshed it after the weight's last change; reading it
    /// changes nothing, so several threads may use it at once.
    var fresh: UnsafePointer<Float> {
        precondition(cachedVersion == parameter.version, "\(parameter.name): transpose not refreshed")
        return UnsafePointer(cache.pointer)
    }

    /// Refreshes every stale transpose of `weights`, on two threads (whole matrices, about
    /// half of the values each) when they are many.
    static func refresh(_ weights: [TransposedWeight]) {
        BatchSplit.forEachPart(counts: weights.map(\.parameter.value.count)) { _ = weights[$0].transposed() }
    }
}
