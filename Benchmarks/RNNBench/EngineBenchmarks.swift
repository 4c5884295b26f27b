import Foundation
import RNNCore
import RNNTrace

/// Training-step speed of the recurrent engine (forward + backward + Adam), issue #2's table.
enum EngineBenchmarks {
    struct Case {
        var cell: CellKind
        var hidden: Int
        var input: Int
        var batch: Int
        var steps: Int
        /// PyTorch 2.15 (CPU, 2 threads) on the development machines, and the bars.
        var pytorch: Double
        var must: Double
        var goal: Double
        /// Whether the bars are µs per step (tiny model) rather than tokens per second.
        var perStep: Bool = false
    }

    static let cases = [
        Case(cell: .lstm, hidden: 10, input: 5, batch: 1, steps: 7, pytorch: 475, must: 50, goal: 10, perStep: true),
        Case(cell: .lstm, hidden: 128, input: 128, batch: 32, steps: 50, pytorch: 295_000, must: 150_000, goal: 300_000),
        Case(cell: .gru, hidden: 128, input: 128, batch: 32, steps: 50, pytorch: 117_000, must: 117_000, goal: 300_000),
        Case(cell: .rnn, hidden: 128, input: 128, batch: 32, steps: 50, pytorch: 373_000, must: 190_000, goal: 400_000),
        Case(cell: .lstm, hidden: 512, input: 512, batch: 64, steps: 50, pytorch: 27_800, must: 10_000, goal: 28_000),
    ]

    /// The name of a case as the table shows it.
    static func name(_ spec: Case) -> String {
        "\(spec.cell.rawValue.uppercased()) H=\(spec.hidden) I=\(spec.input) B=\(spec.batch) T=\(spec.steps)"
    }

    /// Measures every case whose name contains `only` (all when `nil`).
    static func run(quick: Bool, only: String? = nil) {
        var table = Table(header: ["model", "µs/step", "tokens/s", "GFLOP/s", "PyTorch", "must", "goal", ""])
        for spec in cases where only.map({ name(spec).contains($0) }) ?? true {
            let seconds = measure(spec, quick: quick)
            let tokens = Double(spec.batch * spec.steps)
            let flops = trainingFlops(spec)
            let value = spec.perStep ? seconds * 1e6 : tokens / seconds
            let meets = spec.perStep ? value <= spec.must : value >= spec.must
            let reachesGoal = spec.perStep ? value <= spec.goal : value >= spec.goal
            let unit = spec.perStep ? " µs" : ""
            table.rows.append([
                name(spec), String(format: "%.1f", seconds * 1e6), grouped(tokens / seconds), String(format: "%.1f", flops / seconds / 1e9),
                grouped(spec.pytorch) + unit, grouped(spec.must) + unit, grouped(spec.goal) + unit,
                reachesGoal ? "goal" : meets ? "ok" : "SLOW",
            ])
        }
        print("Training step (forward + backward + Adam), one sequence model with a 10-way softmax head")
        print(table.render())
        print()
    }

    /// Multiply-add work of the recurrent layer's products: forward, and twice that backward.
    static func trainingFlops(_ spec: Case) -> Double {
        let gates = Double(spec.cell.gateCount * spec.hidden)
        return 3 * 2 * Double(spec.batch * spec.steps) * gates * Double(spec.input + spec.hidden)
    }

    static func measure(_ spec: Case, quick: Bool) -> Double {
        var generator = SeededGenerator(seed: 1)
        let model = SequenceModel(
            shape: .init(cell: spec.cell, inputSize: spec.input, hiddenSize: spec.hidden, layers: 1, outputSize: 10),
            generator: &generator)
        let input = Tensor(shape: [spec.steps, spec.batch, spec.input])
        generator.fillUniform(input, bound: 1)
        let targets = (0..<spec.steps * spec.batch).map { _ in generator.nextInt(below: 10) }
        let optimizer = Adam(parameters: model.parameters, learningRate: 1e-3)
        return Measure.secondsPerCall(minimumSeconds: quick ? 0.2 : 1.0) {
            model.trainStep(input.pointer, steps: spec.steps, batch: spec.batch, targets: .classes(targets), optimizer: optimizer)
        }
    }
}
