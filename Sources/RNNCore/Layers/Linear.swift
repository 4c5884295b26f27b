import RNNTrace

/// A fully connected layer `y = W x + b` applied to every row of its input.
///
/// `W` is stored `[out][in]` as PyTorch's `nn.Linear`, initialised from `U(−1/√in, 1/√in)`.
public final class Linear {
    /// The weight, `[outputSize][inputSize]`.
    public let weight: Parameter
    /// The bias, `[outputSize]`.
    public let bias: Parameter
    /// The width of each input row.
    public let inputSize: Int
    /// The width of each output row.
    public let outputSize: Int

    let weightT: TransposedWeight
    private var input: UnsafePointer<Float>?
    private var rows = 0
    private var outputs = Workspace()
    private var inputGradient = Workspace()

    /// Creates a layer whose parameters are named `prefix.weight` and `prefix.bias`.
    public init(inputSize: Int, outputSize: Int, name prefix: String, generator: inout SeededGenerator) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        weight = Parameter(name: "\(prefix).weight", shape: [outputSize, inputSize])
        bias = Parameter(name: "\(prefix).bias", shape: [outputSize])
        let bound = 1 / Float(inputSize).squareRoot()
        generator.fillUniform(weight.value, bound: bound)
        generator.fillUniform(bias.value, bound: bound)
        weightT = TransposedWeight(weight)
    }

    /// Creates a layer of `original`'s sizes that reads its parameters' values (and shares
    /// their transposes) and accumulates gradients of its own (`Parameter.init(sharingValueOf:)`).
    init(sharingParametersOf original: Linear) {
        inputSize = original.inputSize
        outputSize = original.outputSize
        weight = Parameter(sharingValueOf: original.weight)
        bias = Parameter(sharingValueOf: original.bias)
        weightT = original.weightT
    }

    /// ∂L/∂input of the last `backward`, `[rows][inputSize]`.
    public var lastInputGradient: UnsafeMutablePointer<Float> { inputGradient.pointer }

    /// The trainable parameters, weight first.
    public var parameters: [Parameter] { [weight, bias] }

    /// Computes `rows` output rows from `rows` input rows. The input must stay alive and
    /// unchanged until `backward`; the result is valid until the next `forward`.
    public func forward(_ input: UnsafePointer<Float>, rows: Int) -> UnsafeMutablePointer<Float> {
        self.input = input
        self.rows = rows
        let output = outputs.reserve(rows * outputSize)
        MatrixMultiply.multiply(
            m: rows, n: outputSize, k: inputSize, a: .rowMajor(input, leadingDimension: inputSize),
            b: weightT.transposed(), ldb: outputSize, c: output, ldc: outputSize, startingFrom: bias.value.pointer)
        return output
    }

    /// Adds the parameter gradients for `outputGradient` (`[rows][outputSize]`) and returns the
    /// gradient with respect to the input of the last `forward`, valid until the next call.
    @discardableResult
    public func backward(_ outputGradient: UnsafePointer<Float>) -> UnsafeMutablePointer<Float> {
        guard let input else { preconditionFailure("Linear.backward before forward") }
        MatrixMultiply.addTransposedProduct(
            outputGradient, lda: outputSize, input, ldb: inputSize, into: weight.gradient.pointer,
            m: outputSize, n: inputSize, k: rows)
        MatrixMultiply.addColumnSums(
            of: outputGradient, rows: rows, columns: outputSize, into: bias.gradient.pointer)
        let result = inputGradient.reserve(rows * inputSize)
        MatrixMultiply.multiply(
            m: rows, n: inputSize, k: outputSize, a: .rowMajor(outputGradient, leadingDimension: outputSize),
            b: weight.value.pointer, ldb: inputSize, c: result, ldc: inputSize, accumulate: false)
        return result
    }
}
