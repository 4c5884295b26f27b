import Foundation

/// Reads JSON arrays of numbers given on the command line, with errors that name the file and
/// the place in it.
public enum JSONInput {
    /// Decodes `T` from the JSON file at `url`; a decoding error says where and what was expected.
    public static func decode<T: Decodable>(_ type: T.Type, from url: URL, expected: String) throws -> T {
        try decode(type, from: AtomicFile.read(url), url: url, expected: expected)
    }

    /// Decodes `T` from JSON `bytes` read from `url` (which names it in errors).
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], url: URL, expected: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw FileError(path: LessonFile.displayPath(url), message: describe(error, expected: expected))
        }
    }

    /// Numbers of `[steps][features]` from the JSON file at `url`.
    public static func features(from url: URL, expected: String) throws -> [[Float]] {
        try decode([[JSONFloat]].self, from: url, expected: expected).map { $0.map(\.value) }
    }

    /// Numbers of `[batch][steps][features]` from the JSON file at `url`.
    public static func batchFeatures(from url: URL, expected: String) throws -> [[[Float]]] {
        try decode([[[JSONFloat]]].self, from: url, expected: expected).map { $0.map { $0.map(\.value) } }
    }

    /// Whole numbers of `[batch][steps]` (class indices) from the JSON file at `url`.
    public static func classIndices(from url: URL, expected: String) throws -> [[Int]] {
        try decode([[JSONWholeNumber]].self, from: url, expected: expected).map { $0.map(\.value) }
    }

    /// Checks that nested arrays are rectangular with the given inner widths, naming the first
    /// row that is not.
    public static func checkRectangular(_ values: [[[Float]]], width: Int, path: String) throws {
        guard let steps = values.first?.count, steps > 0 else {
            throw FileError(path: path, message: "expected [batch][steps][features] with at least one step")
        }
        for (b, sequence) in values.enumerated() {
            guard sequence.count == steps else {
                throw FileError(path: path, message: "sequence \(b) has \(sequence.count) steps, sequence 0 has \(steps)")
            }
            for (t, features) in sequence.enumerated() where features.count != width {
                throw FileError(
                    path: path, message: "at [\(b)][\(t)]: \(features.count) features, the model takes \(width)")
            }
        }
    }

    private static func describe(_ error: DecodingError, expected: String) -> String {
        func place(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "at the top" : "at " + path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(place(context.codingPath)): expected \(expected)"
        case .keyNotFound(let key, let context):
            return "\(place(context.codingPath)): missing key '\(key.stringValue)'"
        case .dataCorrupted(let context):
            let reason = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return context.codingPath.isEmpty
                ? "not valid JSON (\(reason.map { "\($0); " } ?? "")expected \(expected))"
                : "\(place(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "expected \(expected)"
        }
    }
}

/// A JSON number read as a 32-bit float: any JSON number whose value a `Float` holds (`1e-50`
/// becomes 0), and one too large for it (`1e39`) an error at its place.
public struct JSONFloat: Decodable, Sendable {
    /// The number.
    public var value: Float

    public init(from decoder: any Decoder) throws {
        let number = try decoder.singleValueContainer().decode(Double.self)
        value = Float(number)
        guard value.isFinite else {
            let message = "\(number) is too large for a 32-bit float; expected a number of at most 3.4e38 in size"
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: message))
        }
    }
}

/// A JSON number that must be whole (`3`, `3.0`), such as a class index; `0.5` is an error at its place.
public struct JSONWholeNumber: Decodable, Sendable {
    /// The number.
    public var value: Int

    public init(from decoder: any Decoder) throws {
        let number = try decoder.singleValueContainer().decode(Double.self)
        guard number == number.rounded(), abs(number) < 1e15 else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "\(number) is not a whole number; expected a class index"))
        }
        value = Int(number)
    }
}
