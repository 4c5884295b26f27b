/// One time step of a recurrent network worked by hand with its real numbers: what goes in,
/// every product and sum on the way to h_t, the output and the loss; then one step of
/// backpropagation through time and a finite-difference check of one weight's gradient — the
/// numbers of a worksheet (`rnnlab worksheet`).
public struct WorkedStep: Sendable, Equatable {
    /// The lesson and model, for the byline.
    public var lesson: LessonInfo
    public var model: ModelInfo
    /// The step worked, from 0, and the number of steps of the input.
    public var t: Int
    public var steps: Int
    /// The layer worked (the top one, which the output reads).
    public var layer: Int
    /// The input token at step t.
    public var inputToken: String
    /// The shown input, a token per step.
    public var input: [String]
    /// The blocks of the forward pass, the backward step and the check, in order.
    public var blocks: [WorkedBlock]

    /// Creates a worked step.
    public init(lesson: LessonInfo, model: ModelInfo, t: Int, steps: Int, layer: Int, inputToken: String, input: [String],
                blocks: [WorkedBlock]) {
        self.lesson = lesson
        self.model = model
        self.t = t
        self.steps = steps
        self.layer = layer
        self.inputToken = inputToken
        self.input = input
        self.blocks = blocks
    }

    /// The row of `key` in any block.
    public func row(_ key: String) -> WorkedRow? { blocks.lazy.flatMap(\.rows).first { $0.key == key } }
}
