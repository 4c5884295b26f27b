/// The step viewer's state and what each key does to it — no terminal involved.
struct ViewerState: Equatable {
    /// What the loop must do after a key.
    enum Action: Equatable {
        /// Draw the screen again.
        case redraw
        /// Save the current step as PNG.
        case save
        /// Switch to the other trace of the same input (a what-if's before and after).
        case switchTrace
        /// Leave: `q`.
        case quit
        /// Leave: Ctrl-C read as a byte.
        case interrupt
    }

    /// The position shown (input steps, then decoder steps).
    var position: Int
    /// How many positions there are.
    var count: Int
    var reveal = RevealState()
    /// Digits typed for a jump.
    var jumpInput = ""
    /// The status line.
    var status: String?

    /// Handles one key.
    mutating func handle(_ key: Key) -> Action {
        if !jumpInput.isEmpty {
            switch key {
            case .character(let c) where c.isASCII && c.isNumber:
                if jumpInput.count < 6 { jumpInput.append(c) }
                return .redraw
            case .backspace:
                jumpInput.removeLast()
                return .redraw
            case .enter:
                let target = Int(jumpInput) ?? position
                jumpInput = ""
                // A step that does not exist leaves the view where it is, and says so.
                guard target < count else {
                    status = "There is no step \(target): the steps are 0…\(count - 1). Still at step \(position)."
                    return .redraw
                }
                move(to: target)
                return .redraw
            case .interrupt:
                return .interrupt
            default:
                jumpInput = ""
                return .redraw
            }
        }
        status = nil
        switch key {
        case .right, .space, .character("n"): move(to: position + 1)
        case .left, .character("p"): move(to: position - 1)
        case .home: move(to: 0)
        case .end: move(to: count - 1)
        case .character(let c) where c.isASCII && c.isNumber: jumpInput = String(c)
        case .character("r"): reveal.toggle()
        case .character("s"): return .save
        case .character("w"): return .switchTrace
        case .character("q"), .character("Q"): return .quit
        case .interrupt: return .interrupt
        default: break
        }
        return .redraw
    }

    /// Shows position `index` (clamped); a new step hides its prediction in reveal mode.
    mutating func move(to index: Int) {
        let clamped = min(max(index, 0), max(count - 1, 0))
        if clamped != position { reveal.stepChanged() }
        position = clamped
    }
}
