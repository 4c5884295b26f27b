/// What `rnnlab cells` found, as `cells/cells.json` keeps it for the handout: the text read once,
/// and for each probe its best unit's values, r and the causal check's line.
public struct CellHuntRecord: Codable, Sendable, Equatable {
    /// One probe's best unit.
    public struct Finding: Codable, Sendable, Equatable {
        public var unit: String
        public var probe: String
        public var probeMeaning: String
        public var r: Double
        /// The unit's value after each character.
        public var values: [Float]
        /// The probe's value at each character.
        public var probeValues: [Float]
        /// The causal check, as the command printed it ("zeroing unit 83 (h and c): loss on line
        /// breaks 0.148 → 5.068 (448), …"), or nil when there was none.
        public var causal: String?

        /// Creates a finding.
        public init(
            unit: String, probe: String, probeMeaning: String, r: Double, values: [Float], probeValues: [Float], causal: String?
        ) {
            self.unit = unit
            self.probe = probe
            self.probeMeaning = probeMeaning
            self.r = r
            self.values = values
            self.probeValues = probeValues
            self.causal = causal
        }
    }

    /// Which model read which text (the figures' byline).
    public var subtitle: String
    /// The text's characters.
    public var characters: [String]
    public var findings: [Finding]

    /// Creates a record.
    public init(subtitle: String, characters: [String], findings: [Finding]) {
        self.subtitle = subtitle
        self.characters = characters
        self.findings = findings
    }

    /// Each finding as its figures draw it.
    public var portraits: [CellPortrait] {
        findings.map {
            CellPortrait(
                unit: $0.unit, probe: $0.probe, probeMeaning: $0.probeMeaning, r: $0.r, characters: characters, values: $0.values,
                probeValues: $0.probeValues, subtitle: subtitle)
        }
    }

    /// The file's name in a lesson's `cells/` folder.
    public static let fileName = "cells.json"
}
