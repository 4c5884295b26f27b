import RNNTrace

/// The full-screen view of one step of a trace, as lines — a pure function of the trace, the
/// position, the reveal state and the terminal size, so it is tested without a terminal.
///
/// From top to bottom: the lesson title and model, which step this is, the unrolled strip of the
/// whole input with the current step marked (for regression: the window of features), whether the
/// prediction is right, then the step's vectors as coloured cells beside the most likely next
/// tokens, and at the bottom a status line and the keys. Nothing is ever wider than `width` or
/// taller than `height`; below 60×20 only a request to enlarge the terminal is shown.
struct StepScreen {
    /// The smallest terminal the view is drawn in.
    static let minimumWidth = 60
    static let minimumHeight = 20

    var trace: LessonTrace
    /// The position shown: input steps first, then decoder steps (see `StepPosition`).
    var position: Int
    var reveal = RevealState()
    var width: Int
    var height: Int
    var colorMode: ColorMode = .none
    /// A message for the status line ("saved …").
    var status: String? = nil
    /// Digits typed so far for a jump.
    var jumpInput = ""

    /// The screen's lines, escapes included when `colorMode` allows, none wider than `width`.
    static func lines(trace: LessonTrace, t: Int, reveal: RevealState = RevealState(), width: Int, height: Int,
                      colorMode: ColorMode = .none) -> [String] {
        StepScreen(trace: trace, position: t, reveal: reveal, width: width, height: height, colorMode: colorMode).lines()
    }

    /// The screen's lines, rendered.
    func lines() -> [String] { styledLines().map { $0.rendered(colorMode) } }

    /// The screen's lines, styled.
    func styledLines() -> [StyledLine] {
        guard width >= Self.minimumWidth && height >= Self.minimumHeight else { return tooSmall() }
        guard StepPosition.count(trace) > 0 else {
            return [StyledLine(trace.lesson.title, .bold).truncated(to: width), StyledLine("The trace has no steps.")]
        }
        let content = StepContent(trace: trace, position: StepPosition(position, in: trace), reveal: reveal,
                                  colorMode: colorMode)
        var footer: [StyledLine] = []
        if let status { footer.append(StyledLine(status, .accent).truncated(to: width)) }
        footer.append(keyLine().truncated(to: width))
        let body = fit(content, height: height - footer.count)
        return body + Array(repeating: StyledLine(), count: max(height - footer.count - body.count, 0)) + footer
    }

    /// The sections top to bottom, shortened (gaps first, then the body) to `height` lines.
    private func fit(_ content: StepContent, height: Int) -> [StyledLine] {
        let head = header(content) + [StyledLine()] + content.strip(width: width)
        let outcome = content.outcome(width: width)
        var sections: [[StyledLine]] = [head, [StyledLine()], outcome, [StyledLine()]]
        let fixed = sections.reduce(0) { $0 + $1.count }
        let bodyRoom = height - fixed
        let body = content.body(width: width, height: bodyRoom + 2)
        if fixed + body.count > height { sections.removeAll { $0 == [StyledLine()] } }
        let room = height - sections.reduce(0) { $0 + $1.count }
        var lines = sections.flatMap { $0 }
        if body.count <= room {
            lines += body
        } else if room > 0 {
            lines += body.prefix(room - 1)
            lines.append(StyledLine("… \(body.count - room + 1) more lines: enlarge the terminal", .dim).truncated(to: width))
        }
        return Array(lines.prefix(height))
    }

    /// Title and model on the first line, the step on the second.
    private func header(_ content: StepContent) -> [StyledLine] {
        var first = StyledLine(trace.lesson.title, .bold)
        let caption = trace.model.caption
        let room = width - first.width
        if room >= DisplayWidth.of(caption) + 3 {
            first.append(String(repeating: " ", count: room - DisplayWidth.of(caption)))
            first.append(caption, .dim)
        }
        var second = StyledLine(content.position.caption(trace), .accent)
        if trace.isSeq2Seq {
            let count = StepPosition.count(trace)
            second.append("   position \(min(max(position, 0), count - 1)) of 0…\(count - 1)", .dim)
        }
        if reveal.isOn { second.append("   predict-then-reveal", .bad) }
        return [first.truncated(to: width), second.truncated(to: width)]
    }

    /// The keys, or the jump being typed.
    private func keyLine() -> StyledLine {
        if !jumpInput.isEmpty {
            return StyledLine("jump to t = \(jumpInput)▏  Enter go · Backspace edit · Esc/other key cancel", .accent)
        }
        let long = StyledLine("→ n space next · ← p back · Home/End first/last · 3⏎ jump · \(reveal.keyHint) · s save PNG · q quit", .dim)
        if long.width <= width { return long }
        return StyledLine("→/← step · Home/End · 3⏎ jump · \(reveal.shortKeyHint) · s save · q quit", .dim)
    }

    private func tooSmall() -> [StyledLine] {
        let text = ["Terminal too small (\(width)×\(height)).",
                    "Enlarge it to at least \(Self.minimumWidth)×\(Self.minimumHeight).", "q quits."]
        return text.prefix(max(height, 0)).map { StyledLine($0, .bold).truncated(to: max(width, 0)) }
    }
}
