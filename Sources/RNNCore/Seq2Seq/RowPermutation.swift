/// A reordering of a batch's rows, for a layer that runs them in another order than the batch:
/// values move between the two orders by whole rows of time-major `[steps][batch][width]` blocks.
struct RowPermutation {
    /// `rows[i]` is the batch row at position `i` of the new order.
    let rows: [Int]

    /// Gathers values into the new order: `result[t][i] = values[t][rows[i]]`.
    func gather(_ values: UnsafePointer<Float>, steps: Int, width: Int, into result: UnsafeMutablePointer<Float>) {
        let batch = rows.count
        for t in 0..<steps {
            for (position, row) in rows.enumerated() {
                (result + (t * batch + position) * width).update(from: values + (t * batch + row) * width, count: width)
            }
        }
    }

    /// Scatters values back into the batch's order: `result[t][rows[i]] = values[t][i]`.
    func scatter(_ values: UnsafePointer<Float>, steps: Int, width: Int, into result: UnsafeMutablePointer<Float>) {
        let batch = rows.count
        for t in 0..<steps {
            for (position, row) in rows.enumerated() {
                (result + (t * batch + row) * width).update(from: values + (t * batch + position) * width, count: width)
            }
        }
    }

    /// Token indices `[steps][batch]` in the new order.
    func gather(tokens: [Int], steps: Int) -> [Int] {
        let batch = rows.count
        return (0..<steps * batch).map { tokens[$0 / batch * batch + rows[$0 % batch]] }
    }

    /// A state (`[batch][H]` per layer) moved between the orders.
    func reorder(_ state: RecurrentState, toBatchOrder: Bool) -> RecurrentState {
        func move(_ tensor: Tensor) -> Tensor {
            let result = Tensor(shape: tensor.shape)
            let width = tensor.count / rows.count
            if toBatchOrder {
                scatter(tensor.pointer, steps: 1, width: width, into: result.pointer)
            } else {
                gather(tensor.pointer, steps: 1, width: width, into: result.pointer)
            }
            return result
        }
        return RecurrentState(hidden: state.hidden.map(move), cell: state.cell?.map(move))
    }
}
