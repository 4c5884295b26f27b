import RNNCore
import RNNTrace

extension LoadedModel {
    /// Runs `body` with `interventions` in place in the network (none when nil), and takes them
    /// out again afterwards, so the model is as loaded for whatever runs next.
    public func withInterventions<Result>(_ interventions: Interventions?, _ body: () throws -> Result) rethrows -> Result {
        set(interventions)
        defer { set(nil) }
        return try body()
    }

    private func set(_ interventions: Interventions?) {
        func apply(_ layers: [RecurrentLayer]) {
            for layer in layers { layer.intervention = interventions?.layers[layer.index] }
        }
        switch network {
        case .sequence(let model):
            apply(model.recurrent.layers)
        case .seq2seq(let model, _):
            apply(model.encoderLayers + model.decoder.layers)
            model.attention?.override = interventions?.attention
        }
    }
}

extension LessonTrace {
    /// The trace without its gradients (a what-if's: backward passes do not know interventions).
    mutating func withoutGradients() {
        gradientFlow = nil
        for t in steps.indices {
            for k in steps[t].layers.indices { steps[t].layers[k].gradientNorm = 0 }
        }
    }
}
