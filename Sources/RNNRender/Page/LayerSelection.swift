/// Which layers of a deep stack a figure shows: all when they fit, else the first and the last
/// (or, with room for one, the top layer, which feeds the output).
struct LayerSelection: Equatable {
    /// The layers shown, bottom first.
    let layers: [Int]
    /// The number of layers.
    let total: Int

    /// At most `limit` of `total` layers: all, the first and the last, or (limit 1) the top one.
    init(total: Int, limit: Int) {
        self.total = total
        if total <= limit { layers = Array(0..<total) } else if limit <= 1 { layers = [total - 1] } else { layers = [0, total - 1] }
    }

    /// "layers 0 and 7 of 0…7", "layer 7 of 0…7", or `nil` when every layer is shown.
    var note: String? {
        guard layers.count < total else { return nil }
        return layers.count == 1 ? "layer \(layers[0]) of 0…\(total - 1)" : "layers \(layers[0]) and \(layers[1]) of 0…\(total - 1)"
    }

    /// "layer 3 · " before a block's title when there are several layers, else "".
    func prefix(_ layer: Int) -> String { total > 1 ? "layer \(layer) · " : "" }
}
