/// The three recurrent cells, with PyTorch's gate layout.
public enum CellKind: String, CaseIterable, Codable, Sendable {
    /// The Elman RNN: `h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)`.
    case rnn
    /// The LSTM, gates stacked `i, f, g, o`.
    case lstm
    /// The GRU, gates stacked `r, z, n`.
    case gru

    /// How many blocks of `hiddenSize` rows the weight matrices stack.
    public var gateCount: Int {
        switch self {
        case .rnn: 1
        case .lstm: 4
        case .gru: 3
        }
    }

    /// "LSTM", for titles.
    public var displayName: String { rawValue.uppercased() }

    /// The gates' names in storage order (the lecture's order); empty for the plain RNN.
    public var gateNames: [String] {
        switch self {
        case .rnn: []
        case .lstm: ["i", "f", "g", "o"]
        case .gru: ["r", "z", "n"]
        }
    }

    /// The names under which pre-activations are recorded: the gates, or `a` for the RNN.
    public var preActivationNames: [String] { self == .rnn ? ["a"] : gateNames }

    /// Whether the gate of this name is squashed by tanh (−1…1) rather than the sigmoid (0…1).
    public static func isTanhGate(_ name: String) -> Bool { name == "g" || name == "n" || name == "a" }

    /// What the lecture calls the gate of this name ("forget gate"); "gate" for a name the
    /// cell does not have.
    public func gateDescription(_ name: String) -> String {
        switch (self, name) {
        case (.lstm, "i"): "input gate"
        case (.lstm, "f"): "forget gate"
        case (.lstm, "g"): "candidate"
        case (.lstm, "o"): "output gate"
        case (.gru, "r"): "reset gate"
        case (.gru, "z"): "update gate"
        case (.gru, "n"): "candidate"
        default: "gate"
        }
    }

    /// Whether the cell carries a separate cell state `c` (LSTM only).
    public var hasCellState: Bool { self == .lstm }

    /// Reads the cell's name; another name is an error that lists the cells.
    public init(from decoder: any Decoder) throws {
        self = try KindName.decode(from: decoder, what: "a cell")
    }

    /// The kind whose weight matrices stack `gateCount` blocks, if there is one.
    public init?(gateCount: Int) {
        guard let kind = CellKind.allCases.first(where: { $0.gateCount == gateCount }) else { return nil }
        self = kind
    }
}
