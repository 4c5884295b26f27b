import Foundation
import RNNCore

/// The cell hunter: which units of a character model follow a probe, and whether they matter
/// there.
///
/// For each probe every unit's values over the text are correlated with the probe's values
/// (Pearson's r: +1 rises with the probe, −1 falls with it, 0 unrelated). A correlation alone
/// does not show that the network *uses* the unit, so the best unit is then zeroed (its `c` and
/// `h` for an LSTM, its `h` otherwise, at every step) and the loss measured again, once on the
/// characters the probe concerns (line breaks for `position`) and once on all the others: a cell
/// that counts the position in the line should matter for predicting the line break and hardly
/// elsewhere.
public struct CellHunt: Sendable {
    /// A unit and its correlation with a probe.
    public struct Finding: Sendable {
        public var unit: UnitRecording.Unit
        /// Pearson's r of the unit's values with the probe's.
        public var r: Double
    }

    /// The loss before and after zeroing a unit, on the characters a probe concerns and on the
    /// others.
    public struct CausalCheck: Sendable {
        public var concerned: (before: Double, after: Double, count: Int)
        public var others: (before: Double, after: Double, count: Int)

        /// How much the loss rose on the concerned characters.
        public var concernedRise: Double { concerned.after - concerned.before }
        /// How much the loss rose on the others.
        public var othersRise: Double { others.after - others.before }
        /// The concerned characters' rise over the others' (∞ when the others did not move).
        public var ratio: Double { othersRise > 1e-9 ? concernedRise / othersRise : (concernedRise > 0 ? .infinity : 0) }
    }

    /// What was found for one probe.
    public struct ProbeResult: Sendable {
        public var probe: TextProbe
        /// The probe's value at each character.
        public var values: [Float]
        /// The units most correlated with the probe, by |r|, largest first (empty when the probe
        /// does not vary on the text).
        public var best: [Finding]
        /// Zeroing the best unit, when the probe concerns some characters and others.
        public var causal: CausalCheck?
    }

    /// The recording the hunt is made on.
    public let recording: UnitRecording
    /// One result per probe, in the order asked.
    public let results: [ProbeResult]

    /// How many units are reported per probe.
    public static let reported = 3

    /// Hunts `probes` in `model` over `characters` (each in the model's vocabulary).
    ///
    /// - Throws: `LessonError` when the model is not a character model.
    public init(model: LoadedModel, characters: [String], probes: [TextProbe]) throws {
        let recording = try model.recordUnits(over: characters)
        self.recording = recording
        var results: [ProbeResult] = []
        for probe in probes {
            let values = probe.values(characters)
            let findings = recording.units.compactMap { unit in
                Self.correlation(recording.values[unit]!, values).map { Finding(unit: unit, r: $0) }
            }
            let best = Array(findings.sorted { abs($0.r) != abs($1.r) ? abs($0.r) > abs($1.r) : $0.unit.layer < $1.unit.layer }.prefix(Self.reported))
            var result = ProbeResult(probe: probe, values: values, best: best, causal: nil)
            if let top = best.first { result.causal = try Self.zeroing(top.unit, in: model, recording: recording, concerns: probe.concerns(characters)) }
            results.append(result)
        }
        self.results = results
    }

    /// Pearson's r of `x` and `y`, or nil when either does not vary.
    public static func correlation(_ x: [Float], _ y: [Float]) -> Double? {
        let n = Double(min(x.count, y.count))
        guard n > 1 else { return nil }
        var sx = 0.0, sy = 0.0
        for i in 0..<Int(n) { sx += Double(x[i]); sy += Double(y[i]) }
        let mx = sx / n, my = sy / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<Int(n) {
            let dx = Double(x[i]) - mx, dy = Double(y[i]) - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 1e-12 * n, syy > 1e-12 * n else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// The loss on the concerned characters and on the others, before and with `unit` zeroed.
    static func zeroing(_ unit: UnitRecording.Unit, in model: LoadedModel, recording: UnitRecording, concerns: [Bool]) throws -> CausalCheck? {
        let others = concerns.map { !$0 }
        guard let concernedBefore = recording.meanLoss(predicting: concerns), let othersBefore = recording.meanLoss(predicting: others) else {
            return nil
        }
        var interventions = Interventions()
        let hasCell = recording.units.contains { $0.layer == unit.layer && $0.state == "c" }
        interventions.layers[unit.layer] = LayerIntervention(silencedHidden: [unit.unit], silencedCell: hasCell ? [unit.unit] : [])
        interventions.description = "\(unit.description(layers: recording.layers)) zeroed"
        let zeroed = try model.recordUnits(over: recording.characters, interventions: interventions, states: false)
        return CausalCheck(
            concerned: (concernedBefore.loss, zeroed.meanLoss(predicting: concerns)!.loss, concernedBefore.count),
            others: (othersBefore.loss, zeroed.meanLoss(predicting: others)!.loss, othersBefore.count))
    }

    /// The report: per probe its best units with r, and the causal check of the best.
    public var lines: [String] {
        var lines = ["\(recording.characters.count) characters, \(recording.units.count) units (h\(recording.units.contains { $0.state == "c" } ? " and c" : "") of every layer)"]
        for result in results {
            let name = result.probe.name
            guard !result.best.isEmpty else {
                lines.append("\(name): does not vary on this text (\(result.probe.meaning)); nothing to correlate")
                continue
            }
            let units = result.best.map { "\($0.unit.description(layers: recording.layers)) r = \(Self.format(r: $0.r))" }
            lines.append("\(name): \(units.joined(separator: ", "))")
            if let check = result.causal {
                let verdict =
                    check.concernedRise <= 0 ? "no rise where the unit claims to matter"
                    : check.ratio.isInfinite ? "the others did not move"
                    : String(format: "%.1f× the rise on the others", check.ratio)
                let unit = result.best[0].unit
                let hasCell = recording.units.contains { $0.layer == unit.layer && $0.state == "c" }
                let zeroed = hasCell ? "unit \(unit.unit)\(recording.layers > 1 ? " of layer \(unit.layer)" : "") (h and c)"
                    : unit.description(layers: recording.layers)
                lines.append(String(
                    format: "  zeroing %@: loss on %@ %.3f → %.3f (%d), on the others %.3f → %.3f (%d): %@",
                    zeroed, result.probe.concernedCharacters,
                    check.concerned.before, check.concerned.after, check.concerned.count,
                    check.others.before, check.others.after, check.others.count, verdict))
            } else {
                lines.append("  no causal check: the text has no \(result.probe.concernedCharacters), or nothing else")
            }
        }
        return lines
    }

    /// `0.93`, `−0.86`: two decimals with a true minus sign.
    public static func format(r: Double) -> String {
        String(format: "%.2f", r).replacingOccurrences(of: "-", with: "−")
    }
}
