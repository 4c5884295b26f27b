import Foundation

/// How much colour the output may use.
enum ColorMode: Equatable, Sendable {
    /// Plain text, no escape sequences at all: pipes, files, tests.
    case none
    /// Bold, dim and reverse video but no colour: `NO_COLOR`, `TERM=dumb`.
    case monochrome
    /// The 256-colour palette (`ESC[38;5;Nm`).
    case palette256
    /// 24-bit colour (`ESC[38;2;R;G;Bm`).
    case truecolor

    /// The mode a terminal wants, from the environment: `NO_COLOR` (any non-empty value) or
    /// `TERM=dumb` turn colour off (attributes stay), `COLORTERM=truecolor|24bit` turns 24-bit
    /// colour on, else the 256-colour palette.
    static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        if environment["TERM"] == "dumb" { return .monochrome }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        return colorTerm == "truecolor" || colorTerm == "24bit" ? .truecolor : .palette256
    }

    /// Whether colour escapes are written at all.
    var usesColor: Bool { self == .palette256 || self == .truecolor }
}
