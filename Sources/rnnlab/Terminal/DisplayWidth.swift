/// How many terminal columns text takes, ignoring ANSI escape sequences.
///
/// Wide characters (CJK, Hangul, most emoji) take two columns, combining marks and control
/// characters none; everything else one. Good enough to keep lines from wrapping.
enum DisplayWidth {
    /// The columns one user-perceived character takes.
    static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) { return 0 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark {
            return 0
        }
        if isWide(first) || character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return 1
    }

    /// The columns `text` takes on screen, escape sequences excluded.
    static func of(_ text: String) -> Int {
        stripEscapes(text).reduce(0) { $0 + of($1) }
    }

    /// `text` without ANSI CSI / OSC escape sequences.
    static func stripEscapes(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else { kept.append(scalar); continue }
            guard let kind = scalars.next() else { break }
            if kind == "[" {
                while let next = scalars.next(), !(0x40...0x7E).contains(next.value) {}
            } else if kind == "]" {
                while let next = scalars.next(), next != "\u{07}" && next != "\u{1B}" {}
            }
        }
        return String(kept)
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        let ranges: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD,
        ]
        return ranges.contains { $0.contains(v) } || (v >= 0x2600 && scalar.properties.isEmojiPresentation)
    }
}
