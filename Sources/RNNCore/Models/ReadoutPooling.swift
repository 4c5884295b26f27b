/// The states a many-to-one model's output layer reads, one per sequence, from the top layer's
/// `h_t` of every step — and, backwards, ∂L/∂h_t of every step from the gradient of those states.
///
/// Under a padding mask (`[steps][batch]`, 1 at a token, 0 at padding after it) the last step
/// holds each sequence's state after its own last token (the recurrent layers carry the state over
/// padding), and the mean is taken over each sequence's own steps only.
struct ReadoutPooling {
    private var means = Workspace()
    private var spread = Workspace()

    /// `[batch][H]`: the last step's states (`.lastStep`) or the mean over each sequence's steps
    /// (`.mean`) of `states` (`[steps][batch][H]`). Valid until the next call.
    mutating func pool(
        _ readout: SequenceModelShape.Readout, states: UnsafePointer<Float>, steps: Int, batch: Int, hidden: Int,
        mask: UnsafePointer<Float>?
    ) -> UnsafePointer<Float> {
        let stateCount = batch * hidden
        switch readout {
        case .everyStep: preconditionFailure("an every-step readout reads every state")
        case .lastStep: return states + (steps - 1) * stateCount
        case .mean:
            let sums = means.reserve(stateCount, zeroed: true)
            for t in 0..<steps {
                let step = states + t * stateCount
                for b in 0..<batch where Self.weight(mask, t: t, b: b, batch: batch) != 0 {
                    let row = step + b * hidden, sum = sums + b * hidden
                    for j in 0..<hidden { sum[j] = sum[j] + row[j] }
                }
            }
            for b in 0..<batch {
                let count = Float(Self.length(mask, steps: steps, b: b, batch: batch)), sum = sums + b * hidden
                for j in 0..<hidden { sum[j] = sum[j] / count }
            }
            return UnsafePointer(sums)
        }
    }

    /// ∂L/∂h_t for every step (`[steps][batch][H]`) from ∂L/∂ of the pooled states (`[batch][H]`):
    /// all of it at the last step, or an equal share at each of a sequence's steps. Valid until
    /// the next call.
    mutating func spread(
        _ readout: SequenceModelShape.Readout, gradient: UnsafePointer<Float>, steps: Int, batch: Int, hidden: Int,
        mask: UnsafePointer<Float>?
    ) -> UnsafePointer<Float> {
        let stateCount = batch * hidden
        let full = spread.reserve(steps * stateCount)
        switch readout {
        case .everyStep: preconditionFailure("an every-step readout reads every state")
        case .lastStep:
            full.update(repeating: 0, count: (steps - 1) * stateCount)
            (full + (steps - 1) * stateCount).update(from: gradient, count: stateCount)
        case .mean:
            for b in 0..<batch {
                let count = Float(Self.length(mask, steps: steps, b: b, batch: batch)), source = gradient + b * hidden
                for t in 0..<steps {
                    let target = full + t * stateCount + b * hidden
                    if Self.weight(mask, t: t, b: b, batch: batch) == 0 {
                        target.update(repeating: 0, count: hidden)
                    } else {
                        for j in 0..<hidden { target[j] = source[j] / count }
                    }
                }
            }
        }
        return UnsafePointer(full)
    }

    /// 1 at a token, 0 at padding (every step counts without a mask).
    private static func weight(_ mask: UnsafePointer<Float>?, t: Int, b: Int, batch: Int) -> Float {
        mask.map { $0[t * batch + b] } ?? 1
    }

    /// The number of steps sequence `b` has (at least 1, so an empty row divides by 1).
    private static func length(_ mask: UnsafePointer<Float>?, steps: Int, b: Int, batch: Int) -> Int {
        guard let mask else { return steps }
        return max((0..<steps).filter { mask[$0 * batch + b] != 0 }.count, 1)
    }
}
