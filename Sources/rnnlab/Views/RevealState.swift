/// Predict-then-reveal: whether the current step's prediction is hidden.
///
/// `r` cycles: off (everything shown) → on, hidden ("what will it predict?") → on, revealed →
/// off. While on, moving to another step hides the prediction again.
struct RevealState: Equatable, Sendable {
    /// Whether predict-then-reveal is on.
    var isOn = false
    /// Whether the current step's prediction was revealed (only meaningful when on).
    var isRevealed = false

    /// Whether the prediction and the top tokens are hidden now.
    var hidesPrediction: Bool { isOn && !isRevealed }

    /// The `r` key: hide, reveal, or leave the mode.
    mutating func toggle() {
        if !isOn {
            isOn = true
            isRevealed = false
        } else if !isRevealed {
            isRevealed = true
        } else {
            isOn = false
        }
    }

    /// Another step was shown: hide its prediction when the mode is on.
    mutating func stepChanged() { isRevealed = false }

    /// What the footer says `r` does next.
    var keyHint: String {
        if !isOn { return "r hide prediction" }
        return isRevealed ? "r reveal mode off" : "r REVEAL"
    }

    /// `keyHint` in fewer words, for narrow terminals.
    var shortKeyHint: String {
        if !isOn { return "r hide" }
        return isRevealed ? "r off" : "r REVEAL"
    }
}
