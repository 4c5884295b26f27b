/// A key the step viewer and the chat's line editor understand.
enum Key: Equatable, Sendable {
    case right, left, up, down, home, end, enter, backspace, delete, space
    /// Ctrl-C arriving as a byte (0x03), when the terminal does not turn it into SIGINT.
    case interrupt
    /// Ctrl-D (0x04): the end of input on an empty line.
    case endOfInput
    /// A printable character: ASCII or any other script.
    case character(Character)
}

/// Turns the bytes a terminal sends into keys; unknown sequences are dropped.
///
/// Understands → / ← / ↑ / ↓ as `ESC [ C` / `D` / `A` / `B` and `ESC O C` / `D` / `A` / `B`,
/// Home / End as `ESC [ H` / `ESC [ F`, `ESC [ 1~` / `ESC [ 4~` (also 7~ / 8~) and `ESC O H` /
/// `ESC O F`, Delete as `ESC [ 3~`, Enter (CR or LF), Backspace (DEL or BS), space, Ctrl-C,
/// Ctrl-D and printable characters (UTF-8). An escape or UTF-8 sequence cut in the middle by a
/// read is kept until the next bytes arrive.
struct KeyDecoder: Sendable {
    /// Bytes of an unfinished escape sequence.
    private(set) var pending: [UInt8] = []

    /// Decodes `bytes` (after whatever was pending). With `final`, an unfinished sequence is dropped
    /// instead of kept (no more bytes came in time: it was a lone Esc).
    mutating func decode(_ bytes: [UInt8], final: Bool = false) -> [Key] {
        let input = pending + bytes
        pending = []
        var keys: [Key] = []
        var i = 0
        while i < input.count {
            let byte = input[i]
            if byte == 0x1B {
                switch Self.escapeSequence(input, from: i) {
                case .incomplete:
                    if !final { pending = Array(input[i...]) }
                    return keys
                case .complete(let key, let length):
                    if let key { keys.append(key) }
                    i += length
                }
                continue
            }
            let length = Self.utf8Length(byte)
            if length > 1 {
                guard i + length <= input.count else {
                    if !final { pending = Array(input[i...]) }
                    return keys
                }
                if let text = String(validating: input[i..<(i + length)], as: UTF8.self), let character = text.first {
                    keys.append(.character(character))
                }
                i += length
                continue
            }
            if let key = Self.single(byte) { keys.append(key) }
            i += 1
        }
        return keys
    }

    private enum Escape { case incomplete, complete(Key?, length: Int) }

    private static func escapeSequence(_ input: [UInt8], from start: Int) -> Escape {
        guard start + 1 < input.count else { return .incomplete }
        let kind = input[start + 1]
        if kind == UInt8(ascii: "O") {
            guard start + 2 < input.count else { return .incomplete }
            return .complete(final(input[start + 2], parameter: nil), length: 3)
        }
        guard kind == UInt8(ascii: "[") else { return .complete(nil, length: 1) }  // Esc alone, or Alt-key
        var j = start + 2
        while j < input.count, (0x20...0x3F).contains(input[j]) { j += 1 }
        guard j < input.count else { return .incomplete }
        let parameters = String(decoding: input[(start + 2)..<j], as: UTF8.self)
        let parameter = Int(parameters.split(separator: ";").first ?? "")
        return .complete(final(input[j], parameter: parameter), length: j - start + 1)
    }

    private static func final(_ byte: UInt8, parameter: Int?) -> Key? {
        switch byte {
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "~"):
            switch parameter {
            case 1, 7: .home
            case 3: .delete
            case 4, 8: .end
            default: nil
            }
        default: nil
        }
    }

    private static func single(_ byte: UInt8) -> Key? {
        switch byte {
        case 0x03: .interrupt
        case 0x04: .endOfInput
        case 0x0D, 0x0A: .enter
        case 0x7F, 0x08: .backspace
        case 0x20: .space
        case 0x21...0x7E: .character(Character(Unicode.Scalar(byte)))
        default: nil
        }
    }

    /// How many bytes the UTF-8 sequence starting with `byte` has.
    private static func utf8Length(_ byte: UInt8) -> Int {
        switch byte {
        case 0xF0...0xF7: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }
}
