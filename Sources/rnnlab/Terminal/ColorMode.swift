import Foundation

/// How much colour the output may use.
enum ColorMode: Equatable, Sendable {
    /// No colour escapes (still bold, dim and reverse video): `NO_COLOR`, pipes, tests.
    case none
    /// The 256-colour palette (`ESC[38;5;Nm`).
    case palette256
    /// 24-bit colour (`ESC[38;2;R;G;Bm`).
    case truecolor

    /// The mode a terminal wants, from the environment: `NO_COLOR` (any non-empty value) turns
    /// colour off, `COLORTERM=truecolor|24bit` turns 24-bit colour on, else the 256-colour palette;
    /// `TERM=dumb` gets none.
    static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if environment["TERM"] == "dumb" { return .none }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        return colorTerm == "truecolor" || colorTerm == "24bit" ? .truecolor : .palette256
    }

    /// Whether colour escapes are written at all.
    var usesColor: Bool { self != .none }
}
