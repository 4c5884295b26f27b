import ArgumentParser
import Foundation
import RNNCore
import RNNLessons
import RNNTrace

/// `rnnlab forward`: every value of one pass of a checkpoint, as JSON.
struct ForwardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forward",
        abstract: "Run a checkpoint on an input and print every state, gate, logit (and gradient) as JSON.",
        discussion: """
            The model is a recurrent stack named `rnn` with a linear layer `fc`, as saved by RNNLab or by \
            PyTorch's safetensors.torch.save_file. The output uses the field names of PyTorch reference \
            files: layers[k].h, .c, .gates, rnn_output, h_n, c_n, logits, loss, grads.
            """)

    @Option(name: .long, help: "The safetensors checkpoint.")
    var model: String

    @Option(name: .long, help: "JSON input, [batch][steps][features].")
    var input: String

    @Option(name: .long, help: "JSON class indices, [batch][steps]: adds loss and gradients.")
    var targets: String?

    @Option(name: .long, help: "The cell the checkpoint must hold (rnn, lstm, gru); read from the shapes when omitted.")
    var cell: CellKind?

    func run() throws {
        let (network, _) = try CheckpointFile.readSequenceModel(URL(fileURLWithPath: model), cell: cell)
        let inputURL = URL(fileURLWithPath: input)
        let values = try JSONInput.batchFeatures(from: inputURL, expected: "numbers in [batch][steps][features]")
        try JSONInput.checkRectangular(values, width: network.shape.inputSize, path: input)
        var classes: [[Int]]?
        if let targets {
            let url = URL(fileURLWithPath: targets)
            let decoded = try JSONInput.classIndices(from: url, expected: "integers in [batch][steps]")
            try Self.check(decoded, against: values, classes: network.shape.outputSize, path: targets)
            classes = decoded
        }
        let report = ForwardReport(model: network, input: values, targets: classes)
        if let value = NonFiniteValue.first(in: report) {
            throw CheckpointError(
                source: model, message: "on \(input) the model computes a value that is not finite (\(value)); "
                    + "expected weights and inputs small enough for 32-bit floats")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        FileHandle.standardOutput.write(try encoder.encode(report))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    private static func check(_ targets: [[Int]], against input: [[[Float]]], classes: Int, path: String) throws {
        guard targets.count == input.count else {
            throw FileError(path: path, message: "\(targets.count) target sequences for \(input.count) input sequences")
        }
        for (b, row) in targets.enumerated() {
            guard row.count == input[b].count else {
                throw FileError(path: path, message: "sequence \(b) has \(row.count) targets for \(input[b].count) steps")
            }
            for (t, target) in row.enumerated() where !(0..<classes).contains(target) {
                throw FileError(path: path, message: "at [\(b)][\(t)]: class \(target) is outside 0..<\(classes)")
            }
        }
    }
}

