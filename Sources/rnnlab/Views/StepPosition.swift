import RNNTrace

/// A position of the step viewer: an encoder / input step, or (seq2seq) a decoder step.
///
/// Positions are numbered from 0 over the input steps first, then the decoder steps:
/// with a 5-token question and a 6-token answer, 0…4 read the question and 5…10 write the answer.
enum StepPosition: Equatable, Sendable {
    /// Step `t` of `trace.steps`.
    case input(Int)
    /// Step `t` of `trace.decoder`.
    case decoder(Int)

    /// The number of positions of a trace.
    static func count(_ trace: LessonTrace) -> Int { trace.steps.count + (trace.decoder?.count ?? 0) }

    /// Position `index` of `trace`, clamped into range.
    init(_ index: Int, in trace: LessonTrace) {
        let clamped = min(max(index, 0), max(Self.count(trace) - 1, 0))
        self = clamped < trace.steps.count ? .input(clamped) : .decoder(clamped - trace.steps.count)
    }

    /// "t = 2 of 0…5 · reading “h”" / "decoder step 1 of 0…5 · fed “i”".
    func caption(_ trace: LessonTrace) -> String {
        switch self {
        case .input(let t):
            let last = trace.steps.count - 1
            let what = trace.isSeq2Seq ? "encoder t = \(t) of 0…\(last)" : "t = \(t) of 0…\(last)"
            return "\(what) · reading “\(TraceDisplay.token(trace.steps[t].inputToken))”"
        case .decoder(let k):
            let steps = trace.decoder ?? []
            return "decoder t = \(k) of 0…\(steps.count - 1) · fed “\(TraceDisplay.token(steps[k].inputToken))”"
        }
    }
}
