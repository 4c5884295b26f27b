import Foundation

/// One run of a comparison: the lesson with some keys set, trained from one seed.
public struct ComparisonVariant: Sendable {
    /// A varied key and the value this variant gives it.
    public struct Setting: Sendable, Equatable {
        /// The key as the comparison names it (`cell`).
        public var key: String
        /// The value, as written (`lstm`).
        public var value: String
    }

    /// The varied keys' values, in the comparison's order of keys.
    public let settings: [Setting]
    /// The seed.
    public let seed: UInt64
    /// The lesson with these settings and this seed.
    public let file: LessonFile

    /// "cell=rnn length=10": the settings, without the seed — the same for every seed.
    public var label: String { Self.label(settings) }

    /// The label of `settings`.
    public static func label(_ settings: [Setting]) -> String {
        settings.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
