/// ‖∂L_T/∂h_t‖: the loss of one output step T carried back through time, on the shown input,
/// for the trained network and at initialisation (`SequenceModel.gradientFlow`).
///
/// Unlike `LayerStepTrace.gradientNorm` — the gradient of the *total* loss, to which every
/// later step adds its own loss — this shows how much of one step's error reaches each earlier
/// step: for a plain RNN it falls geometrically with the distance T − t.
public struct GradientFlowTrace: Codable, Sendable, Equatable {
    /// T, the output step whose loss is carried back (from 0).
    public var outputStep: Int
    /// The trained network's ‖∂L_T/∂h_t‖, `[layer][t]` for t = 0…T, bottom layer first.
    public var trained: [[Float]]
    /// The same at initialisation (before the first update), when it was measured.
    public var initial: [[Float]]?
    /// σ_max(W_hh) of each layer of the trained network, for a plain RNN.
    public var singularValues: [Float]?
    /// σ_max(W_hh) of each layer at initialisation, for a plain RNN.
    public var initialSingularValues: [Float]?
    /// The steps whose input the target at T depends on, when the task knows them (the adding
    /// problem's two marked values).
    public var keySteps: [Int]?
    /// What those steps hold ("marked value").
    public var keyStepLabel: String?

    /// Creates a gradient flow.
    public init(
        outputStep: Int, trained: [[Float]], initial: [[Float]]? = nil, singularValues: [Float]? = nil,
        initialSingularValues: [Float]? = nil
    ) {
        self.outputStep = outputStep
        self.trained = trained
        self.initial = initial
        self.singularValues = singularValues
        self.initialSingularValues = initialSingularValues
    }

    /// ‖∂L_T/∂h_t‖ of the trained network at step `t` of layer `layer`, if t ≤ T.
    public func trainedNorm(layer: Int, t: Int) -> Float? {
        guard trained.indices.contains(layer), trained[layer].indices.contains(t) else { return nil }
        return trained[layer][t]
    }
}
