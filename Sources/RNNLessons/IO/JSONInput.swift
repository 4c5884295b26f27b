import Foundation

/// Reads JSON arrays of numbers given on the command line, with errors that name the file and
/// the place in it.
public enum JSONInput {
    /// Decodes `T` from the JSON file at `url`; a decoding error says where and what was expected.
    public static func decode<T: Decodable>(_ type: T.Type, from url: URL, expected: String) throws -> T {
        let bytes = try AtomicFile.read(url)
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw FileError(path: url.path, message: describe(error, expected: expected))
        }
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
            return context.codingPath.isEmpty
                ? "not valid JSON (expected \(expected))" : "\(place(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "expected \(expected)"
        }
    }
}
