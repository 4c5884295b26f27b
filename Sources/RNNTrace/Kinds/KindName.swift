/// Reads a kind (a cell, a task, an attention) from its name in a trace, as a lesson file's
/// reader does: another name is an error at its place, saying what is allowed.
enum KindName {
    /// The case of `Kind` named by the string at `decoder`'s place.
    ///
    /// - Throws: `DecodingError.dataCorrupted`, as "\"lstmm\" is not a cell; expected rnn, lstm or gru".
    static func decode<Kind: RawRepresentable & CaseIterable>(from decoder: any Decoder, what: String) throws -> Kind
    where Kind.RawValue == String {
        let name = try decoder.singleValueContainer().decode(String.self)
        if let kind = Kind(rawValue: name) { return kind }
        let names = Kind.allCases.map(\.rawValue)
        let allowed = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
        throw DecodingError.dataCorrupted(
            .init(codingPath: decoder.codingPath, debugDescription: "\"\(name)\" is not \(what); expected \(allowed)"))
    }
}
