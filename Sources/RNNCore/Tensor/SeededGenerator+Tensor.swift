import RNNTrace

extension SeededGenerator {
    /// Fills `tensor` with values drawn uniformly from `-bound ..< bound`, in index order.
    public mutating func fillUniform(_ tensor: Tensor, bound: Float) {
        for index in 0..<tensor.count { tensor[index] = nextFloat(in: -bound, bound) }
    }
}
