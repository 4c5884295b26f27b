/// Which part of the work a block belongs to.
public enum WorkedPart: String, Sendable, Equatable {
    /// The forward pass to h_t, the output and the loss.
    case forward
    /// ∂L_t/∂h_t carried back to h_{t−1}.
    case backward
    /// One weight's gradient against finite differences.
    case check
    /// The weights themselves (small models).
    case weights
}
