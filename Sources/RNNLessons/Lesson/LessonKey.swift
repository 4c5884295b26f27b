/// A coding key for any name, so a lesson section can list every key it was given and reject
/// the ones it does not know.
struct LessonKey: CodingKey, ExpressibleByStringLiteral, Hashable {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
    init(stringLiteral value: String) { stringValue = value }
}

/// A wrong value at a place in a lesson file: the key path and what is wrong and allowed.
///
/// `LessonFile` turns it into one line with the file, line and column.
public struct LessonFieldError: Error, Equatable, Sendable {
    /// What the location points at.
    public enum Anchor: Sendable, Equatable {
        /// The value at `path`.
        case value
        /// The key that ends `path` (for an unknown key).
        case key
        /// The section that holds `path` (for a missing key).
        case parent
    }

    /// The key path, e.g. `["model", "cell"]`.
    public var path: [String]
    /// What is wrong and what is allowed.
    public var message: String
    /// What the line and column point at.
    public var anchor: Anchor

    /// Creates an error.
    public init(path: [String], message: String, anchor: Anchor = .value) {
        self.path = path
        self.message = message
        self.anchor = anchor
    }
}

/// A number as a person writes it: `1`, `0.5`.
func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}

/// Names a list for messages: `a, b or c` (or `a, b and c` with `conjunction: "and"`).
public func listing(_ items: [String], conjunction: String = "or") -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
}

extension Decoder {
    /// The keyed container of this section after checking that every key in it is one of
    /// `allowed`; an unknown key is an error naming the allowed ones.
    func lessonSection(allowing allowed: [String]) throws -> KeyedDecodingContainer<LessonKey> {
        let container: KeyedDecodingContainer<LessonKey>
        do {
            container = try self.container(keyedBy: LessonKey.self)
        } catch {
            throw LessonFieldError(path: codingPath.map(\.stringValue), message: "expected a mapping of \(listing(allowed, conjunction: "and"))")
        }
        for key in container.allKeys where !allowed.contains(key.stringValue) {
            throw LessonFieldError(
                path: (codingPath + [key]).map(\.stringValue),
                message: "unknown key; expected \(listing(allowed))", anchor: .key)
        }
        return container
    }
}

extension KeyedDecodingContainer where Key == LessonKey {
    /// The path of `key` for errors.
    func path(_ key: LessonKey) -> [String] { (codingPath + [key]).map(\.stringValue) }

    /// A required value; missing is an error that says what the section needs.
    func required<T: Decodable>(_ type: T.Type, _ key: LessonKey, needs: String) throws -> T {
        try required(key, needs: needs) { try decode(type, forKey: $0) }
    }

    /// A required value read by `read` (one of the checking readers below, which reject an empty
    /// value with what they expect); missing is an error that says what the section needs.
    func required<T>(_ key: LessonKey, needs: String, _ read: (LessonKey) throws -> T?) throws -> T {
        guard contains(key), let value = try read(key) else {
            throw LessonFieldError(path: path(key), message: "missing; \(needs)", anchor: .parent)
        }
        return value
    }

    /// An optional text; written but empty (`title:` and nothing after it) is an error saying
    /// what is expected.
    func text(_ key: LessonKey, expected: String) throws -> String? {
        try rejectEmpty(key, expected: expected)
        return try decodeIfPresent(String.self, forKey: key)
    }

    /// A value that must be one of a closed set, with an error listing the choices.
    func choice<T: RawRepresentable & CaseIterable>(
        _ type: T.Type, _ key: LessonKey, what: String
    ) throws -> T? where T.RawValue == String {
        let allowed = listing(T.allCases.map(\.rawValue))
        try rejectEmpty(key, expected: allowed)
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let value = T(rawValue: text) else {
            throw LessonFieldError(path: path(key), message: "\(Excerpt.quoted(text)) is not \(what); expected \(allowed)")
        }
        return value
    }

    /// A CSV delimiter, by name or written as itself.
    func delimiter(_ key: LessonKey) throws -> CSVDelimiter? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let delimiter = CSVDelimiter(written: text) else {
            let shown = text.replacingOccurrences(of: "\t", with: "<TAB>")
            throw LessonFieldError(path: path(key), message: "\"\(shown)\" is not a delimiter; expected comma, semicolon or tab")
        }
        return delimiter
    }

    /// An integer that must lie in `range`.
    func integer(_ key: LessonKey, in range: ClosedRange<Int>, what: String) throws -> Int? {
        try rejectEmpty(key, expected: "\(what), \(LessonLimits.describe(range))")
        guard let value = try decodeIfPresent(Int.self, forKey: key) else { return nil }
        if let problem = LessonLimits.problem(with: value, in: range, what: what) {
            throw LessonFieldError(path: path(key), message: problem)
        }
        return value
    }

    /// A length (`20`) or a range of lengths (`[3, 20]`) within `range`.
    func lengths(_ key: LessonKey, in range: ClosedRange<Int>) throws -> ClosedRange<Int>? {
        guard contains(key) else { return nil }
        let expected = "expected a length from \(range.lowerBound) to \(range.upperBound), or [shortest, longest]"
        let bounds: [Int]
        if let single = try? decode(Int.self, forKey: key) {
            bounds = [single, single]
        } else if let pair = try? decode([Int].self, forKey: key), pair.count == 2 {
            bounds = pair
        } else {
            throw LessonFieldError(path: path(key), message: "not a length; \(expected)")
        }
        guard bounds[0] <= bounds[1] else {
            throw LessonFieldError(path: path(key), message: "[\(bounds[0]), \(bounds[1])] is an empty range; \(expected)")
        }
        guard range.contains(bounds[0]), range.contains(bounds[1]) else {
            let text = bounds[0] == bounds[1] ? "\(bounds[0])" : "[\(bounds[0]), \(bounds[1])]"
            throw LessonFieldError(path: path(key), message: "\(text) is not a sequence length; \(expected)")
        }
        return bounds[0]...bounds[1]
    }

    /// A number that must be greater than 0 (and at most `maximum` when given).
    func positive(_ key: LessonKey, maximum: Double? = nil, what: String) throws -> Double? {
        try rejectEmpty(key, expected: "\(what), \(LessonLimits.describePositive(maximum: maximum))")
        guard let value = try decodeIfPresent(Double.self, forKey: key) else { return nil }
        if let problem = LessonLimits.problem(withPositive: value, maximum: maximum, what: what) {
            throw LessonFieldError(path: path(key), message: problem)
        }
        return value
    }

    /// Throws when `key` is given with nothing after its colon (`cell:`): "empty; expected …".
    private func rejectEmpty(_ key: LessonKey, expected: String) throws {
        if contains(key), try decodeNil(forKey: key) {
            throw LessonFieldError(path: path(key), message: "empty; expected \(expected)")
        }
    }
}
