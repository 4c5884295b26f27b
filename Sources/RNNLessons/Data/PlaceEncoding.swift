/// A short input text as one vector: each character one-hot among the characters seen at its
/// place, the places side by side ("42" → the 4 of the tens place, the 2 of the units place).
///
/// Inputs are right-aligned — padded with spaces on the left to the longest — so that the last
/// characters share a place ("7" reads as " 7": no tens, 7 units). Because a place's characters
/// are shared by many inputs, an input never seen whole ("47") is still made of parts the
/// network has seen (the 4 of "42", the 7 of "17").
public struct PlaceEncoding: Sendable, Equatable {
    /// The characters seen at each place, sorted.
    public let places: [[Character]]

    /// The encoding of `inputs` (each at least one character).
    public init(inputs: [String]) {
        let width = inputs.map(\.count).max() ?? 1
        places = (0..<width).map { place in
            Set(inputs.map { Self.aligned($0, width: width)[place] }).sorted()
        }
    }

    /// The width of the vector.
    public var width: Int { places.reduce(0) { $0 + $1.count } }

    /// A name for each element: the character and its place, `4·` for a 4 in the first of two
    /// places, `·2` for a 2 in the second (a space as `␣`).
    public var featureNames: [String] {
        places.enumerated().flatMap { place, characters in
            characters.map { character in
                let shown = character == " " ? "␣" : String(character)
                return String(repeating: "·", count: place) + shown + String(repeating: "·", count: places.count - 1 - place)
            }
        }
    }

    /// The vector of `input`, or what is wrong with it in words.
    public func encode(_ input: String) -> Result<[Float], PlaceEncodingError> {
        guard !input.isEmpty else { return .failure(PlaceEncodingError(message: "the input is empty")) }
        guard input.count <= places.count else {
            return .failure(PlaceEncodingError(message: "\"\(input)\" has \(input.count) characters; the inputs have at most \(places.count)"))
        }
        var vector = [Float](repeating: 0, count: width)
        var offset = 0
        for (place, character) in Self.aligned(input, width: places.count).enumerated() {
            guard let index = places[place].firstIndex(of: character) else {
                let allowed = places[place].map { $0 == " " ? "nothing" : "\"\($0)\"" }.joined(separator: ", ")
                return .failure(
                    PlaceEncodingError(
                        message: "\"\(input)\": \(character == " " ? "nothing" : "\"\(character)\"") never stands at place \(place) of "
                            + "an input (from the left, of \(places.count)); expected \(allowed)"))
            }
            vector[offset + index] = 1
            offset += places[place].count
        }
        return .success(vector)
    }

    /// `input` padded with spaces on the left to `width` characters.
    static func aligned(_ input: String, width: Int) -> [Character] {
        Array(String(repeating: " ", count: max(width - input.count, 0)) + input)
    }
}

/// Why an input cannot be encoded.
public struct PlaceEncodingError: Error, Sendable, Equatable {
    /// What is wrong, in words.
    public var message: String
}
