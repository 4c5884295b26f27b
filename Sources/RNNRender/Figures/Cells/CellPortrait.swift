/// One unit found by the cell hunter, as its figures need it: the text it read, the unit's value
/// after each character, and the probe it follows.
public struct CellPortrait: Sendable {
    /// The unit's name, e.g. `c[37]` or `c[37] of layer 1`.
    public var unit: String
    /// The probe's name (`position`) and what its value means ("characters since the line break").
    public var probe: String
    public var probeMeaning: String
    /// Pearson's r of the unit with the probe.
    public var r: Double
    /// The text's characters.
    public var characters: [String]
    /// The unit's value after each character.
    public var values: [Float]
    /// The probe's value at each character.
    public var probeValues: [Float]
    /// The byline: which model, which weights, which text.
    public var subtitle: String

    /// Creates a portrait.
    public init(
        unit: String, probe: String, probeMeaning: String, r: Double, characters: [String], values: [Float], probeValues: [Float],
        subtitle: String
    ) {
        self.unit = unit
        self.probe = probe
        self.probeMeaning = probeMeaning
        self.r = r
        self.characters = characters
        self.values = values
        self.probeValues = probeValues
        self.subtitle = subtitle
    }

    /// `r = −0.93` with a true minus sign.
    var rText: String { "r = " + Ticks.format(r, decimals: 2).replacingOccurrences(of: "-", with: "−") }
}

/// The cell hunter's figures of one unit: `text-PROBE` (the text coloured by the unit) and
/// `scatter-PROBE` (the unit against the probe).
public enum CellFigures {
    /// Both figures of `portrait` laid out for `page`, named after its probe (a `regex:` probe
    /// is `regex`).
    public static func render(
        _ portrait: CellPortrait, format: OutputFormat, scale: Double = 2, page: PageSize = .widescreen
    ) throws -> [(name: String, bytes: [UInt8])] {
        let name = portrait.probe.hasPrefix("regex:") ? "regex" : portrait.probe
        return [
            ("text-\(name).\(format.fileExtension)",
             try CellTextFigure(portrait, room: page.room).render(format: format, scale: scale, page: page)),
            ("scatter-\(name).\(format.fileExtension)",
             try CellScatterFigure(portrait, room: page.room).render(format: format, scale: scale, page: page)),
        ]
    }
}
