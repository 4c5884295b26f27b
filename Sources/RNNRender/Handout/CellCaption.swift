import Foundation

/// Two lines under each cell-hunter figure in a handout, from the numbers: what the unit follows
/// and how closely, and what zeroing it did.
enum CellCaption {
    /// Below this |r| a unit is not said to follow its probe.
    static let following = 0.5

    /// The captions of `portrait`'s text figure and scatter; `causal` is the hunter's line about
    /// zeroing the unit ("zeroing unit 83 (h and c): loss on line breaks 0.148 → 5.068 …").
    static func lines(_ portrait: CellPortrait, causal: String?) -> (text: (String, String), scatter: (String, String)) {
        let follows = abs(portrait.r) >= following
            ? "\(portrait.unit) follows the \(portrait.probe) probe (\(portrait.probeMeaning)), \(portrait.rText)"
                + (portrait.r < 0 ? ", falling as it rises." : ".")
            : "No unit follows the \(portrait.probe) probe closely: the best, \(portrait.unit), has \(portrait.rText)."
        // The hunter's line without its character counts, which a caption has no room for.
        let zeroed = causal.map {
            "Zeroed: " + $0.replacingOccurrences(of: "zeroing ", with: "", options: .anchored)
                .replacingOccurrences(of: #" \(\d+\)"#, with: "", options: .regularExpression) + "."
        }
            ?? "The text has no characters this probe concerns, so zeroing was not measured."
        return (
            (follows, zeroed),
            (follows, "Each dot one character; the line the unit's mean at each probe value, the bars ± 1 standard deviation."))
    }
}
