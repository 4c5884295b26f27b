/// The sizes a lesson accepts, in its file and on the command line alike (`--hidden`,
/// `--learning-rate`, …), checked before any work starts. README.md lists them.
public enum LessonLimits {
    /// The largest lesson file, in bytes.
    public static let fileBytes = 1_000_000
    /// The most values a lesson file may hold once its YAML aliases (`*name`) are expanded: a
    /// lesson has a few dozen, and a file of nested aliases cannot blow up past this.
    public static let expandedValues = 10_000
    /// Hidden sizes.
    public static let hidden = 1...4096
    /// Layer counts.
    public static let layers = 1...8
    /// Iteration counts.
    public static let iterations = 1...10_000_000
    /// The largest learning rate (above 0).
    public static let learningRate = 100.0
    /// The most words of a dialog's question or answer (each is one encoder or decoder step).
    public static let dialogWords = 100
    /// The most time steps of an input a network is traced on (`show.input`, a text shown whole,
    /// `step --input`): as long as the longest generated sequence.
    public static let shownSteps = GeneratedLimits.length

    /// "1 to 8", or "0 or more" for a range without an upper limit.
    public static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max ? "\(range.lowerBound) or more" : "\(range.lowerBound) to \(range.upperBound)"
    }

    /// "a number above 0 and at most 100", or "a number above 0" without a maximum.
    public static func describePositive(maximum: Double?) -> String {
        maximum.map { "a number above 0 and at most \(number($0))" } ?? "a number above 0"
    }

    /// What is wrong with `value` as `what` ("9 is not a layer count; expected 1 to 8"), or `nil`
    /// when it lies in `range`. The lesson file and the command line say it the same way.
    public static func problem(with value: Int, in range: ClosedRange<Int>, what: String) -> String? {
        range.contains(value) ? nil : "\(value) is not \(what); expected \(describe(range))"
    }

    /// What is wrong with `value` as `what`, a number above 0 and at most `maximum` ("1000000 is
    /// not a learning rate; expected a number above 0 and at most 100"), or `nil` when it is one.
    public static func problem(withPositive value: Double, maximum: Double?, what: String) -> String? {
        guard value > 0, value.isFinite, maximum.map({ value <= $0 }) ?? true else {
            return "\(number(value)) is not \(what); expected \(describePositive(maximum: maximum))"
        }
        return nil
    }
}
